using VocabTrim.Corpora;
using VocabTrim.Counting;
using VocabTrim.TestSupport;
using VocabTrim.Tokenizers;
using VocabTrim.Tokenizers.SentencePiece;

namespace VocabTrim.Pipeline.Tests.Counting;

public class TokenCounterTests
{
    [Fact]
    public void Counts_equal_those_of_the_reference_encoder_on_both_samples()
    {
        var model = SharedData.Mt5Derived32k;
        var tokenizer = SentencePieceTokenizer.Load(model);
        var expected = new long[tokenizer.PieceCount];
        foreach (var ids in ReferenceSentencePiece.EncodeLines(model, LeipzigSample.Both()))
            foreach (var id in ids) expected[id]++;

        long sentences = 0;
        var total = new long[tokenizer.PieceCount];
        foreach (var path in new[] { SharedData.EnglishSample, SharedData.GermanSample })
        {
            using var corpus = LeipzigCorpus.Open(path);
            var (counts, counted) = new TokenCounter(tokenizer, threads: 2).Count(corpus.ReadBatches(512));
            sentences += counted;
            for (var i = 0; i < total.Length; i++) total[i] += counts[i];
        }

        sentences.Should().Be(20000);
        total.Should().Equal(expected);
    }

    [Fact]
    public void Results_do_not_depend_on_the_number_of_threads_or_batch_size()
    {
        var tokenizer = SentencePieceTokenizer.Load(SharedData.UnigramEnDe16k);
        (long[] Counts, long Sentences) Run(int threads, int batch)
        {
            using var corpus = LeipzigCorpus.Open(SharedData.GermanSample);
            return new TokenCounter(tokenizer, threads).Count(corpus.ReadBatches(batch));
        }
        var one = Run(1, 4096);
        foreach (var (threads, batch) in new[] { (2, 100), (3, 7), (8, 1000) })
        {
            var other = Run(threads, batch);
            other.Counts.Should().Equal(one.Counts);
            other.Sentences.Should().Be(one.Sentences);
        }
        one.Sentences.Should().Be(10000);
    }

    [Fact]
    public void Unknown_and_byte_fallback_totals_come_from_those_pieces()
    {
        // mt5-derived-32k knows 京 but not 東, which falls back to its three UTF-8 bytes; mt5-tiny
        // has no byte fallback, so 東京 is one unknown token there.
        using var dir = new TempDir();
        var corpus = dir.File("ja.txt");
        File.WriteAllLines(corpus, ["東京 ok", "東 plain words"]);
        var options = new CountingOptions(null, false, CorpusCounter.PlainTextFormat);
        var tokenizer = SentencePieceTokenizer.Load(SharedData.Mt5Derived32k);
        var counts = new CorpusCounter(tokenizer, 1).Count("ja", corpus, options);
        var ids = tokenizer.Encode("東京 ok").Concat(tokenizer.Encode("東 plain words")).ToList();
        counts.Tokens.Should().Be(ids.Count);
        counts.ByteFallbackTokens.Should().Be(6);
        counts.UnknownTokens.Should().Be(0);
        var tiny = SentencePieceTokenizer.Load(SharedData.Mt5TinySpiece);
        File.WriteAllLines(corpus, ["東京 ok"]);
        new CorpusCounter(tiny, 1).Count("ja", corpus, options).UnknownTokens.Should().Be(1);
        counts.PiecesSeen.Should().Be(ids.Distinct().Count());
        counts.Sentences.Should().Be(2);
    }

    [Fact]
    public void A_malformed_line_stops_counting_with_the_readers_error()
    {
        using var dir = new TempDir();
        var path = dir.File("eng_news_2020_10K-sentences.txt");
        File.WriteAllLines(
            path,
            [.. File.ReadLines(SharedData.EnglishSample).Take(5000), "no tab on this line", .. File.ReadLines(
                SharedData.EnglishSample).Take(3000)]);
        var tokenizer = SentencePieceTokenizer.Load(SharedData.Mt5TinySpiece);
        using var corpus = LeipzigCorpus.Open(path);
        var act = () => new TokenCounter(tokenizer, 2).Count(corpus.ReadBatches(100));
        act.Should().Throw<CorpusFormatException>().Which.LineNumber.Should().Be(5001);
    }
}
