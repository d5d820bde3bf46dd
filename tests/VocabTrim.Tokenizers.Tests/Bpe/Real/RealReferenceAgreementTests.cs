using System.Text;
using VocabTrim.TestSupport;

namespace VocabTrim.Tokenizers.Tests.Bpe.Real;

/// <summary>
/// Acceptance: ids identical to the reference on both samples, edge texts, special tokens and decoding, for each real
/// tokenizer.
/// </summary>
[Collection(RealTokenizersCollection.Name)]
public class RealReferenceAgreementTests(RealTokenizers real)
{
    [Theory]
    [MemberData(nameof(RealTokenizers.Names), MemberType = typeof(RealTokenizers))]
    public void Every_sentence_of_both_samples_encodes_exactly_as_the_reference(string name)
    {
        var tokenizer = real.Get(name);
        var expected = real.ReferenceIds(name);
        var sentences = real.Sentences;
        sentences.Count.Should().Be(20_000);
        var mismatches = Enumerable.Range(0, sentences.Count)
            .Where(i => !tokenizer.Encode(sentences[i]).SequenceEqual(expected[i])).ToList();
        mismatches.Should().BeEmpty($"first mismatch: {Describe(mismatches, sentences, tokenizer.Encode, expected)}");
        expected.Sum(e => e.Length).Should().BeGreaterThan(sentences.Count * 10, "the texts must really be tokenized");
    }

    [Theory]
    [MemberData(nameof(RealTokenizers.Names), MemberType = typeof(RealTokenizers))]
    public void Edge_texts_encode_exactly_as_the_reference(string name)
    {
        var tokenizer = real.Get(name);
        var texts = RealEdgeTexts.All;
        var expected = ReferenceHuggingFace.Encode(real.PathOf(name), texts);
        var mismatches = Enumerable.Range(0, texts.Count)
            .Where(i => !tokenizer.Encode(texts[i]).SequenceEqual(expected[i])).ToList();
        mismatches.Should().BeEmpty($"first mismatch: {Describe(mismatches, texts, tokenizer.Encode, expected)}");
    }

    [Theory]
    [MemberData(nameof(RealTokenizers.Names), MemberType = typeof(RealTokenizers))]
    public void With_special_tokens_the_post_processor_adds_what_the_reference_adds(string name)
    {
        var tokenizer = real.Get(name);
        string[] texts = [.. real.Sentences.Take(200), .. RealEdgeTexts.All.Take(30)];
        var expected = ReferenceHuggingFace.EncodeWithSpecialTokens(real.PathOf(name), texts);
        var mismatches = Enumerable.Range(0, texts.Length)
            .Where(i => !tokenizer.EncodeWithSpecialTokens(texts[i]).SequenceEqual(expected[i])).ToList();
        mismatches.Should().BeEmpty(
            $"first mismatch: {Describe(mismatches, texts, tokenizer.EncodeWithSpecialTokens, expected)}");
        var bos = tokenizer.PostProcessor.Before;
        if (name is "gemma3" or "llama2")
        {
            bos.Should().ContainSingle();
            tokenizer.PieceAt(bos[0]).Should().Be(name == "gemma3" ? "<bos>" : "<s>");
        }
        else
        {
            bos.Should().BeEmpty("Llama 3's and Qwen's ByteLevel post-processor adds nothing");
        }
    }

    [Theory]
    [MemberData(nameof(RealTokenizers.Names), MemberType = typeof(RealTokenizers))]
    public void Decoding_agrees_with_the_reference(string name)
    {
        var tokenizer = real.Get(name);
        var ids = real.Sentences.Where((_, i) => i % 50 == 0).Select(tokenizer.Encode)
            .Concat(RealEdgeTexts.All.Select(tokenizer.Encode))
            .Append(tokenizer.EncodeWithSpecialTokens("Hallo Welt"))
            .Append([.. tokenizer.Encode("Unknown: \U0001F9FF"), 5, 9]).ToList();
        var expected = ReferenceHuggingFace.Decode(real.PathOf(name), ids);
        for (var i = 0; i < ids.Count; i++) tokenizer.Decode(ids[i]).Should().Be(expected[i], $"ids #{i}");
    }

    [Theory]
    [MemberData(nameof(RealTokenizers.Names), MemberType = typeof(RealTokenizers))]
    public void Fresh_encoders_from_utf8_agree_with_the_shared_one(string name)
    {
        var tokenizer = real.Get(name);
        var expected = real.ReferenceIds(name);
        for (var i = 0; i < 300; i++)
        {
            var ids = new List<int>();
            tokenizer.CreateEncoder().Encode(Encoding.UTF8.GetBytes(real.Sentences[i * 60]), ids);
            ids.Should().Equal(expected[i * 60]);
        }
    }

    private static string Describe(
        List<int> mismatches, IReadOnlyList<string> texts, Func<string, int[]> encode, List<int[]> expected)
    {
        if (mismatches.Count == 0) return "none";
        var i = mismatches[0];
        var text = texts[i].Length > 300 ? texts[i][..300] + "…" : texts[i];
        return $"{mismatches.Count} texts; #{i} '{text}'\n ours: {string.Join(' ', encode(texts[i]).Take(80))}\n " +
               $"ref:  {string.Join(' ', expected[i].Take(80))}";
    }
}
