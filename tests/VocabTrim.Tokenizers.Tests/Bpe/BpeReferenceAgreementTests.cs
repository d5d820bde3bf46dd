using System.Text;
using VocabTrim.TestSupport;
using VocabTrim.Tokenizers.Bpe;

namespace VocabTrim.Tokenizers.Tests.Bpe;

/// <summary>
/// Acceptance: our ids equal the reference tokenizers' for every sentence of both samples and for edge texts.
/// </summary>
[Collection(BloomCollection.Name)]
public class BpeReferenceAgreementTests(BloomTokenizers bloom)
{
    public static TheoryData<string> Sizes() => new() { "large", "tiny" };

    private (string Path, BpeTokenizer Tokenizer) Pick(string size) =>
        size == "large" ? (bloom.LargePath, bloom.Large) : (bloom.TinyPath, bloom.Tiny);

    [Theory]
    [MemberData(nameof(Sizes))]
    public void Every_sentence_of_both_samples_encodes_exactly_as_the_reference(string size)
    {
        var (path, tokenizer) = Pick(size);
        var expected = ReferenceHuggingFace.Encode(path, bloom.Sentences);
        bloom.Sentences.Count.Should().Be(20_000);
        var mismatches = Enumerable.Range(0, bloom.Sentences.Count)
            .Where(i => !tokenizer.Encode(bloom.Sentences[i]).SequenceEqual(expected[i])).ToList();
        mismatches.Should().BeEmpty($"first mismatch: {Describe(mismatches, bloom.Sentences, tokenizer, expected)}");
        expected.Sum(e => e.Length).Should().BeGreaterThan(
            bloom.Sentences.Count * 10, "the texts must really be tokenized");
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void Edge_texts_encode_exactly_as_the_reference(string size)
    {
        var (path, tokenizer) = Pick(size);
        var expected = ReferenceHuggingFace.Encode(path, BpeEdgeTexts.All);
        for (var i = 0; i < BpeEdgeTexts.All.Count; i++)
            tokenizer.Encode(BpeEdgeTexts.All[i]).Should().Equal(
                expected[i], $"edge text #{i} '{Shorten(BpeEdgeTexts.All[i])}'");
    }

    [Fact]
    public void Special_tokens_in_text_are_matched_first_and_get_their_ids()
    {
        bloom.Large.Encode("<s>").Should().Equal(1);
        bloom.Large.Encode("a</s><pad>").Should().StartWith([]).And.EndWith([2, 3]);
    }

    [Fact]
    public void Decoding_agrees_with_the_reference_and_round_trips_sentences()
    {
        var ids = bloom.Sentences.Take(300).Select(bloom.Large.Encode)
            .Append([1, 70, 2, 3, 0, 200]).Append([0xC3 + 4]).ToList();

        var expected = ReferenceHuggingFace.Decode(bloom.LargePath, ids);
        for (var i = 0; i < ids.Count; i++) bloom.Large.Decode(ids[i]).Should().Be(expected[i]);
        for (var i = 0; i < 300; i++) bloom.Large.Decode(ids[i]).Should().Be(bloom.Sentences[i]);
    }

    [Fact]
    public void Fresh_encoders_without_a_warm_cache_agree_with_the_shared_one()
    {
        var sentences = bloom.Sentences.Take(500).ToList();
        var warm = sentences.Select(bloom.Large.Encode).ToList();
        for (var i = sentences.Count - 1; i >= 0; i--)
        {
            var ids = new List<int>();
            bloom.Large.CreateEncoder().Encode(Encoding.UTF8.GetBytes(sentences[i]), ids);
            ids.Should().Equal(warm[i]);
        }
    }

    private static string Describe(
        List<int> mismatches, IReadOnlyList<string> sentences, BpeTokenizer t, List<int[]> expected)
    {
        if (mismatches.Count == 0) return "none";
        var i = mismatches[0];
        return $"{mismatches.Count} sentences; #{i} '{sentences[i]}'\n ours: " +
               $"{string.Join(' ', t.Encode(sentences[i]))}\n ref:  {string.Join(' ', expected[i])}";
    }

    private static string Shorten(string s) => s.Length > 60 ? s[..60] + "…" : s;
}
