using VocabTrim.TestSupport;
using VocabTrim.Tokenizers.SentencePiece;

namespace VocabTrim.Tokenizers.Tests.SentencePiece;

/// <summary>Acceptance: our ids equal spm_encode's for every sentence of both shared Leipzig samples.</summary>
public class ReferenceAgreementTests
{
    public static TheoryData<string> SharedModels() => new(SharedData.SentencePieceModels().Select(m => m.Name));

    [Theory]
    [MemberData(nameof(SharedModels))]
    public void Every_sentence_of_both_samples_encodes_exactly_as_spm_encode(string name)
    {
        var model = SharedData.SentencePieceModels().Single(m => m.Name == name).Path;
        var sentences = LeipzigSample.Both();
        var expected = ReferenceSentencePiece.EncodeLines(model, sentences);
        var tokenizer = SentencePieceTokenizer.Load(model);

        var mismatches = Enumerable.Range(0, sentences.Count)
            .Where(i => !tokenizer.Encode(sentences[i]).SequenceEqual(expected[i]))
            .ToList();

        sentences.Count.Should().Be(20000);
        mismatches.Should().BeEmpty(
            $"all 20,000 sentences must match; first mismatch: {Describe(mismatches, sentences, tokenizer, expected)}");
    }

    [Theory]
    [MemberData(nameof(SharedModels))]
    public void Fresh_encoders_without_a_warm_cache_agree_with_the_shared_one(string name)
    {
        // The word cache must never change results: encode once per fresh encoder, in reverse order.
        var model = SharedData.SentencePieceModels().Single(m => m.Name == name).Path;
        var tokenizer = SentencePieceTokenizer.Load(model);
        var sentences = LeipzigSample.Both().Take(500).ToList();
        var warm = sentences.Select(tokenizer.Encode).ToList();
        for (var i = sentences.Count - 1; i >= 0; i--)
        {
            var ids = new List<int>();
            tokenizer.CreateEncoder().Encode(System.Text.Encoding.UTF8.GetBytes(sentences[i]), ids);
            ids.Should().Equal(warm[i]);
        }
    }

    private static string Describe(
        List<int> mismatches, IReadOnlyList<string> sentences, SentencePieceTokenizer t, List<int[]> expected)
    {
        if (mismatches.Count == 0) return "none";
        var i = mismatches[0];
        return $"#{i} '{sentences[i]}'\n ours: {string.Join(' ', t.Encode(sentences[i]))}\n spm:  " +
               $"{string.Join(' ', expected[i])}";
    }
}
