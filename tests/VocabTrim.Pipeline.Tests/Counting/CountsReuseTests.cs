using VocabTrim.Counting;
using VocabTrim.Pipeline.Tests.Support;
using VocabTrim.TestSupport;
using VocabTrim.Tokenizers;

namespace VocabTrim.Pipeline.Tests.Counting;

public class CountsReuseTests
{
    private static readonly TokenizerVocabulary Vocabulary = HandMade.Vocabulary(
        ("<unk>", PieceKind.Unknown), ("a", PieceKind.Normal));

    private static CountsManifest WrittenManifest(TempDir dir, out LanguageCounts en)
    {
        en = HandMade.Counts("en", 1, 2);
        CountsDirectory.Write(dir.Path, Vocabulary, [en]);
        return CountsDirectory.ReadManifest(dir.Path);
    }

    [Fact]
    public void The_same_tokenizer_corpus_and_options_can_be_reused()
    {
        using var dir = new TempDir();
        var manifest = WrittenManifest(dir, out var en);

        var check = manifest.CheckReuse("en", Vocabulary.Info, en.Corpus with { Description = "renamed" }, en.Options);

        check.CanReuse.Should().BeTrue(check.Reason);
    }

    [Fact]
    public void Any_change_that_affects_the_counts_means_counting_again()
    {
        using var dir = new TempDir();
        var manifest = WrittenManifest(dir, out var en);
        var otherTokenizer = Vocabulary.Info with { Sha256 = new string('b', 64) };

        manifest.CheckReuse("de", Vocabulary.Info, en.Corpus, en.Options)
            .Should().Be(new ReuseCheck(false, "'de' has not been counted yet"));
        manifest.CheckReuse("en", otherTokenizer, en.Corpus, en.Options)
            .Should().Be(new ReuseCheck(false, "the tokenizer changed (sha256 001122334455 → bbbbbbbbbbbb)"));
        manifest.CheckReuse("en", Vocabulary.Info, en.Corpus with { Path = "/corpora/other.txt" }, en.Options)
            .Should().Be(new ReuseCheck(false, "the corpus is another file (/corpora/en.txt → /corpora/other.txt)"));
        manifest.CheckReuse("en", Vocabulary.Info, en.Corpus with { SizeBytes = 1235 }, en.Options)
            .Should().Be(new ReuseCheck(false, "the corpus changed size (1,234 → 1,235 bytes)"));
        manifest.CheckReuse("en", Vocabulary.Info, en.Corpus with { Sha256 = new string('c', 64) }, en.Options)
            .Should().Be(new ReuseCheck(false, "the corpus content changed (sha256 aaaaaaaaaaaa → cccccccccccc)"));
        manifest.CheckReuse("en", Vocabulary.Info, en.Corpus, en.Options with { MaxSentences = 1000 })
            .Should().Be(new ReuseCheck(false,
                "the options changed (max sentences all, skip malformed yes, format leipzig → max sentences 1000, " +
                "skip malformed yes, format leipzig)"));
        manifest.CheckReuse("en", Vocabulary.Info, en.Corpus, en.Options with { SkipMalformed = false })
            .CanReuse.Should().BeFalse();
    }

    [Fact]
    public void A_corpus_file_is_described_by_its_full_path_size_and_sha256()
    {
        var info = CorpusInfo.OfFile(SharedData.GermanSample, "German news");

        info.Should().Be(new CorpusInfo(SharedData.GermanSample, "German news", 1141005,
            Convert.ToHexStringLower(
                System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(SharedData.GermanSample)))));
    }
}
