using System.Formats.Tar;
using System.IO.Compression;
using VocabTrim.Counting;
using VocabTrim.TestSupport;
using VocabTrim.Tokenizers.SentencePiece;

namespace VocabTrim.Pipeline.Tests.Cli;

public class CountCommandTests
{
    private const int Sentences = 2000;

    private static long[] ReferenceCounts(string model, string sample, int sentences)
    {
        var counts = new long[SentencePieceModel.Load(model).PieceCount];
        foreach (var ids in ReferenceSentencePiece.EncodeLines(
            model, LeipzigSample.Sentences(sample).Take(sentences).ToList()))
            foreach (var id in ids) counts[id]++;
        return counts;
    }

    [Fact]
    public void Count_writes_csv_and_manifest_equal_to_the_reference_counts()
    {
        using var dir = new TempDir();
        var model = SharedData.Mt5Derived32k;
        var run = CliRun.Of("count", "--tokenizer", model, "--corpus", $"eng={SharedData.EnglishSample}",
            "--corpus", $"de={SharedData.GermanSample}", "--out", dir.File("counts"), "--max-sentences",
            $"{Sentences}", "--quiet");

        run.ExitCode.Should().Be(0, run.ToString());
        var vocabulary = TokenizerVocabulary.Load(model);
        var counted = CountsDirectory.Read(dir.File("counts"), vocabulary).ToDictionary(c => c.Language);
        counted.Keys.Should().BeEquivalentTo("en", "de"); // eng is normalised to en
        counted["en"].Counts.Should().Equal(ReferenceCounts(model, SharedData.EnglishSample, Sentences));
        counted["de"].Counts.Should().Equal(ReferenceCounts(model, SharedData.GermanSample, Sentences));
        counted["de"].Sentences.Should().Be(Sentences);
        counted["de"].Options.MaxSentences.Should().Be(Sentences);
        counted["de"].Corpus.Sha256.Should().Be(
            Convert.ToHexStringLower(
                System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(SharedData.GermanSample))));
        var manifest = CountsDirectory.ReadManifest(dir.File("counts"));
        manifest.Tokenizer.Sha256.Should().Be(SentencePieceModel.Load(model).Sha256());
        File.ReadLines(dir.File("counts/en.counts.csv")).First().Should().Be("id,piece,count");
        File.ReadLines(dir.File("counts/en.counts.csv")).Count().Should().Be(1 + vocabulary.Count);
        run.Output.Should().Contain($"de: {Sentences:N0} sentences, {counted["de"].Tokens:N0} tokens");
    }

    [Fact]
    public void A_second_run_reuses_counts_unless_forced_or_the_options_change()
    {
        using var dir = new TempDir();
        string[] Args(params string[] extra) =>
            ["count", "--tokenizer", SharedData.Mt5TinySpiece, "--corpus", $"en={SharedData.EnglishSample}",
            "--out", dir.File("counts"), "--max-sentences", "300", "--quiet", .. extra];

        CliRun.Of(Args()).ExitCode.Should().Be(0);
        var counted = CountsDirectory.ReadManifest(dir.File("counts")).Languages["en"].Counted;
        var csv = File.ReadAllText(dir.File("counts/en.counts.csv"));

        var again = CliRun.Of(Args());
        again.Output.Should().Contain("en: reusing counts").And.Contain("(reused)");
        // Reused counts keep the time they were counted at; counting again would stamp a new one.
        CountsDirectory.ReadManifest(dir.File("counts")).Languages["en"].Counted.Should().Be(counted);
        File.ReadAllText(dir.File("counts/en.counts.csv")).Should().Be(csv);

        var forced = CliRun.Of(Args("--force"));
        forced.Output.Should().NotContain("reusing").And.NotContain("(reused)");
        CountsDirectory.ReadManifest(dir.File("counts")).Languages["en"].Counted.Should().BeAfter(counted);

        var changed = CliRun.Of(
            ["count", "--tokenizer", SharedData.Mt5TinySpiece, "--corpus", $"en={SharedData.EnglishSample}",
            "--out", dir.File("counts"), "--max-sentences", "200", "--quiet"]);
        changed.Output.Should().Contain("en: counting: the options changed");
        CountsDirectory.ReadManifest(dir.File("counts")).Languages["en"].Sentences.Should().Be(200);
    }

    [Fact]
    public void An_archive_counts_the_same_as_the_sentence_file()
    {
        using var dir = new TempDir();
        var archive = dir.File("eng_news_2020_10K.tar.gz");
        using (var file = File.Create(archive))
        using (var gzip = new GZipStream(file, CompressionLevel.Fastest))
        using (var tar = new TarWriter(gzip))
        {
            tar.WriteEntry(SharedData.EnglishSample, "eng_news_2020_10K/eng_news_2020_10K-sentences.txt");
        }
        string[] Count(string corpus, string output) =>
            ["count", "--tokenizer", SharedData.UnigramEnDe16k, "--corpus", $"en={corpus}",
            "--out", dir.File(output), "--max-sentences", "1500", "--quiet"];
        CliRun.Of(Count(archive, "from-archive")).ExitCode.Should().Be(0);
        CliRun.Of(Count(SharedData.EnglishSample, "from-file")).ExitCode.Should().Be(0);
        File.ReadAllText(dir.File("from-archive/en.counts.csv")).Should().Be(
            File.ReadAllText(dir.File("from-file/en.counts.csv")));
        CountsDirectory.ReadManifest(dir.File("from-archive")).Languages["en"].Corpus.Description
            .Should().EndWith("eng_news_2020_10K.tar.gz!eng_news_2020_10K/eng_news_2020_10K-sentences.txt");
    }

    [Theory]
    [InlineData("xx=/some/file", "'xx' is not a language code")]
    [InlineData("en", "expected LANG=PATH")]
    [InlineData("en=/no/such/corpus.txt", "/no/such/corpus.txt")]
    public void Bad_corpus_arguments_fail_with_one_clear_line(string corpus, string message)
    {
        using var dir = new TempDir();
        var run = CliRun.Of(
            "count", "--tokenizer", SharedData.Mt5TinySpiece, "--corpus", corpus, "--out", dir.File("counts"),
            "--quiet");
        run.ExitCode.Should().Be(1);
        run.Error.Should().StartWith("vocabtrim: ").And.Contain(message);
        run.Error.TrimEnd().Should().NotContain("\n");
        Directory.Exists(dir.File("counts")).Should().BeFalse("nothing is written when the input is bad");
    }

    [Fact]
    public void A_malformed_line_names_file_and_line_unless_skipped()
    {
        using var dir = new TempDir();
        var corpus = dir.File("deu_news-sentences.txt");
        File.WriteAllLines(
            corpus,
            [.. File.ReadLines(SharedData.GermanSample).Take(40), "kaputte Zeile ohne Tab", .. File.ReadLines(
                SharedData.GermanSample).Skip(40).Take(20)]);
        string[] Args(params string[] extra) =>
            ["count", "--tokenizer", SharedData.Mt5TinySpiece, "--corpus", $"de={corpus}", "--out", dir.File("counts"),
                "--quiet", .. extra];

        var failed = CliRun.Of(Args());
        failed.ExitCode.Should().Be(1);
        failed.Error.Should().Contain("deu_news-sentences.txt:41").And.Contain("TAB");
        Directory.Exists(dir.File("counts")).Should().BeFalse();

        var skipped = CliRun.Of(Args("--skip-malformed"));
        skipped.ExitCode.Should().Be(0, skipped.Error);
        skipped.Output.Should().Contain("60 sentences").And.Contain("1 malformed lines skipped");
    }

    [Fact]
    public void Count_select_trim_chain_gives_a_model_that_reproduces_covered_sentences()
    {
        using var dir = new TempDir();
        var model = SharedData.UnigramEnDe16k;
        CliRun.Of(
            "count", "--tokenizer", model, "--corpus", $"en={SharedData.EnglishSample}", "--corpus",
            $"de={SharedData.GermanSample}",
            "--out", dir.File("counts"), "--quiet").ExitCode.Should().Be(0);
        CliRun.Of(
            "select", "--counts", dir.File("counts"), "--langs", "en:6000,de:6000", "--overall", "1000", "--out",
            dir.File("keep.json")).ExitCode.Should().Be(0);
        CliRun.Of("trim", "--tokenizer", model, "--keep", dir.File("keep.json"), "--out", dir.File("slim"))
            .ExitCode.Should().Be(0);

        var kept = VocabTrim.Selection.KeepListFile.Read(dir.File("keep.json")).Ids;
        var newId = kept.Select((old, i) => (old, i)).ToDictionary(p => p.old, p => p.i);
        var sentences = LeipzigSample.Both();
        var original = ReferenceSentencePiece.EncodeLines(model, sentences);
        var slimReference = ReferenceSentencePiece.EncodeLines(dir.File("slim/spiece.model"), sentences);
        var slim = SentencePieceTokenizer.Load(dir.File("slim/spiece.model"));
        var covered = 0;
        for (var i = 0; i < sentences.Count; i++)
        {
            slim.Encode(sentences[i]).Should().Equal(
                slimReference[i], "our encoder agrees with the reference on the trimmed model");
            if (!original[i].All(newId.ContainsKey)) continue;
            covered++;
            slimReference[i].Should().Equal(original[i].Select(id => newId[id]), $"sentence {i} uses only kept pieces");
        }
        // 8,196 of the 20,000 sentences use only kept pieces with these quotas; the rest must still encode.
        covered.Should().BeGreaterThan(sentences.Count / 4).And.BeLessThan(sentences.Count);
    }

    [Fact]
    public void A_corpus_named_as_in_the_manifest_is_read_from_the_fetch_cache()
    {
        using var dir = new TempDir();
        var cache = Directory.CreateDirectory(dir.File("cache")).FullName;
        using (var file = File.Create(Path.Combine(cache, "deu_news_2023_1M.tar.gz")))
        using (var gzip = new GZipStream(file, CompressionLevel.Fastest))
        using (var tar = new TarWriter(gzip))
        {
            tar.WriteEntry(SharedData.GermanSample, "deu_news_2023_1M/deu_news_2023_1M-sentences.txt");
        }
        string[] Count(string corpus, string output) =>
            ["count", "--tokenizer", SharedData.Mt5TinySpiece, "--corpus", $"de={corpus}",
            "--out", dir.File(output), "--max-sentences", "800", "--quiet", "--cache", cache];

        var byName = CliRun.Of(Count("deu_news_2023_1M", "by-name"));
        byName.ExitCode.Should().Be(0, byName.ToString());
        CliRun.Of(Count(SharedData.GermanSample, "by-path")).ExitCode.Should().Be(0);
        File.ReadAllText(dir.File("by-name/de.counts.csv")).Should().Be(
            File.ReadAllText(dir.File("by-path/de.counts.csv")));

        var missing = CliRun.Of(Count("eng_news_2023_1M", "missing"));
        missing.ExitCode.Should().Be(1);
        missing.Error.Should().Contain("not downloaded yet; run 'vocabtrim corpus fetch eng_news_2023_1M'");
    }
}
