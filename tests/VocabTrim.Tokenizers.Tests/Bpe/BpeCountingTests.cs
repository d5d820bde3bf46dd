using VocabTrim.Corpora;
using VocabTrim.Counting;
using VocabTrim.TestSupport;

namespace VocabTrim.Tokenizers.Tests.Bpe;

/// <summary>The counting engine takes the BPE tokenizer like any other and counts what the reference encodes.</summary>
[Collection(BloomCollection.Name)]
public class BpeCountingTests(BloomTokenizers bloom)
{
    [Fact]
    public void Token_counter_counts_equal_the_reference_ids_on_both_samples()
    {
        var expected = new long[bloom.Large.PieceCount];
        foreach (var ids in ReferenceHuggingFace.Encode(bloom.LargePath, bloom.Sentences))
            foreach (var id in ids) expected[id]++;

        var loaded = TokenizerFile.Load(bloom.LargePath).Tokenizer;
        var total = new long[loaded.PieceCount];
        long sentences = 0, bytes = 0;
        var options = new CountingOptions(null, false, CorpusCounter.LeipzigFormat);
        foreach (var path in new[] { SharedData.EnglishSample, SharedData.GermanSample })
        {
            var tally = new CorpusCounter(loaded, threads: 2).Count("x", path, options);
            sentences += tally.Sentences;
            bytes += tally.ByteFallbackTokens;
            tally.UnknownTokens.Should().Be(0);
            for (var i = 0; i < total.Length; i++) total[i] += tally.Counts[i];
        }

        sentences.Should().Be(20_000);
        total.Should().Equal(expected);
        bytes.Should().Be(
            Enumerable.Range(4, 256).Sum(id => expected[id]), "single-byte tokens are counted as byte tokens");
    }
}
