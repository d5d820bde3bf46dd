using System.Text.Json;
using VocabTrim.Common;
using VocabTrim.Counting;
using VocabTrim.Pipeline.Tests.Support;
using VocabTrim.TestSupport;
using VocabTrim.Tokenizers;

namespace VocabTrim.Pipeline.Tests.Counting;

public class CountsDirectoryTests
{
    private static readonly Lazy<TokenizerVocabulary> Mt5 = new(
        () => TokenizerVocabulary.Load(SharedData.Mt5Derived32k));

    // A count for every piece: zeros, small numbers and one beyond 32 bits.
    private static LanguageCounts PatternCounts(string language, int pieces, int seed)
    {
        var counts = new long[pieces];
        for (var id = 0; id < pieces; id++) counts[id] = (id * 7 + seed) % 13 == 0 ? 0 : (id * 31 + seed) % 1000;
        counts[pieces / 2] = 5_000_000_000L;
        var c = HandMade.Counts(language, counts);
        return new LanguageCounts
        {
            Language = c.Language, Counts = c.Counts, Sentences = 12_345, Tokens = c.Tokens, UnknownTokens = 17,
            ByteFallbackTokens = 29, MalformedLinesSkipped = 3, Corpus = c.Corpus, Options = c.Options,
            Counted = c.Counted, ToolVersion = c.ToolVersion,
        };
    }

    [Fact]
    public void Counts_for_every_piece_of_the_real_mt5_vocabulary_read_back_exactly()
    {
        using var dir = new TempDir();
        var vocabulary = Mt5.Value;
        vocabulary.Count.Should().Be(32596);
        var en = PatternCounts("en", vocabulary.Count, 1);
        var de = PatternCounts("de", vocabulary.Count, 5);

        CountsDirectory.Write(dir.Path, vocabulary, [en, de]);
        var read = CountsDirectory.Read(dir.Path, vocabulary);

        read.Should().HaveCount(2);
        read[0].Should().BeEquivalentTo(en);
        read[1].Should().BeEquivalentTo(de);
        read[1].PiecesSeen.Should().Be(de.Counts.Count(c => c > 0)).And.BeLessThan(vocabulary.Count);
    }

    [Fact]
    public void The_csv_lists_pieces_with_commas_and_quotes_as_csv_should()
    {
        using var dir = new TempDir();
        var vocabulary = Mt5.Value;
        CountsDirectory.Write(dir.Path, vocabulary, [PatternCounts("en", vocabulary.Count, 1)]);

        var lines = File.ReadAllLines(Path.Combine(dir.Path, "en.counts.csv"));
        lines.Should().HaveCount(vocabulary.Count + 1);
        lines[0].Should().Be("id,piece,count");
        // Real mT5 pieces: ',' (261), '","' (373), '"' (300), '\' (428), '▁' (259).
        lines[1 + 261].Should().Be("261,\",\",92");
        lines[1 + 300].Should().Be("300,\"\"\"\",301");
        lines[1 + 373].Should().Be("373,\"\"\",\"\"\",564");
        lines[1 + 428].Should().Be("428,\\,269");
        lines[1 + 259].Should().Be("259,▁,30");
    }

    [Fact]
    public void Pieces_with_spaces_line_breaks_and_formula_characters_survive()
    {
        using var dir = new TempDir();
        var vocabulary = HandMade.Vocabulary(
            ("<unk>", PieceKind.Unknown), (" lead", PieceKind.Normal), ("trail ", PieceKind.Normal),
            ("a\tb", PieceKind.Normal), ("line\r\nbreak", PieceKind.Normal), ("=SUM(A1)", PieceKind.Normal),
            ("-", PieceKind.Normal),
            ("", PieceKind.Normal), ("\"", PieceKind.Normal), ("x;y|z", PieceKind.Normal));
        var counts = HandMade.Counts("de", 0, 1, 2, 3, 4, 5, 6, 7, 8, 9);

        CountsDirectory.Write(dir.Path, vocabulary, [counts]);

        CountsDirectory.Read(dir.Path, vocabulary).Single().Counts.Should().Equal(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
    }

    [Fact]
    public void Counts_json_records_how_each_language_was_counted()
    {
        using var dir = new TempDir();
        var vocabulary = Mt5.Value;
        var written = new DateTimeOffset(2025, 6, 7, 8, 9, 10, TimeSpan.Zero);
        CountsDirectory.Write(
            dir.Path, vocabulary, [PatternCounts("en", vocabulary.Count, 1)], new FixedClock(written));

        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir.Path, "counts.json")));
        var root = json.RootElement;
        root.GetProperty("format").GetString().Should().Be("vocabtrim-counts");
        root.GetProperty("toolVersion").GetString().Should().StartWith("0.1.0");
        root.GetProperty("written").GetDateTimeOffset().Should().Be(written);
        var tokenizer = root.GetProperty("tokenizer");
        tokenizer.GetProperty("path").GetString().Should().Be(SharedData.Mt5Derived32k);
        tokenizer.GetProperty("sha256").GetString().Should().Be(
            Convert.ToHexStringLower(
                System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(SharedData.Mt5Derived32k))));
        tokenizer.GetProperty("family").GetString().Should().Be("sentencepiece-unigram");
        tokenizer.GetProperty("pieceCount").GetInt32().Should().Be(32596);
        var en = root.GetProperty("languages").GetProperty("en");
        en.GetProperty("sentences").GetInt64().Should().Be(12_345);
        en.GetProperty("tokens").GetInt64().Should().Be(PatternCounts("en", vocabulary.Count, 1).Tokens);
        en.GetProperty("piecesSeen").GetInt32().Should().Be(PatternCounts("en", vocabulary.Count, 1).PiecesSeen);
        en.GetProperty("unknownTokens").GetInt64().Should().Be(17);
        en.GetProperty("byteFallbackTokens").GetInt64().Should().Be(29);
        en.GetProperty("malformedLinesSkipped").GetInt64().Should().Be(3);
        en.GetProperty("corpus").GetProperty("sizeBytes").GetInt64().Should().Be(1234);
        en.GetProperty("corpus").GetProperty("description").GetString().Should().Be("en test corpus");
        var options = en.GetProperty("options");
        options.GetProperty("maxSentences").ValueKind.Should().Be(
            JsonValueKind.Null, "'all sentences' is written explicitly");
        options.GetProperty("skipMalformed").GetBoolean().Should().BeTrue();
        options.GetProperty("format").GetString().Should().Be("leipzig");
    }

    [Fact]
    public void Writing_again_replaces_the_folder_contents_and_leaves_no_staging_folder()
    {
        using var dir = new TempDir();
        var target = Path.Combine(dir.Path, "counts");
        var vocabulary = HandMade.Vocabulary(("<unk>", PieceKind.Unknown), ("a", PieceKind.Normal));
        CountsDirectory.Write(target, vocabulary, [HandMade.Counts("en", 1, 2), HandMade.Counts("de", 3, 4)]);

        CountsDirectory.Write(target, vocabulary, [HandMade.Counts("en", 5, 6)]);

        Directory.GetFileSystemEntries(dir.Path).Should().Equal(target);
        Directory.GetFiles(target).Select(Path.GetFileName).Should().BeEquivalentTo("counts.json", "en.counts.csv");
        CountsDirectory.Read(target, vocabulary).Single().Counts.Should().Equal(5, 6);
    }

    [Fact]
    public void Counts_that_do_not_add_up_to_the_tokens_are_not_written()
    {
        using var dir = new TempDir();
        var vocabulary = HandMade.Vocabulary(("<unk>", PieceKind.Unknown), ("a", PieceKind.Normal));
        var bad = HandMade.Counts("en", 1, 2);
        bad =
            new LanguageCounts
            {
                Language = "en", Counts = bad.Counts, Sentences = 1, Tokens = 4, Corpus = bad.Corpus,
                Options = bad.Options
            };

        var act = () => CountsDirectory.Write(dir.File("counts"), vocabulary, [bad]);

        act.Should().Throw<ArgumentException>().WithMessage("'en': the counts add up to 3 tokens, not 4");
        Directory.GetFileSystemEntries(dir.Path).Should().BeEmpty();
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
