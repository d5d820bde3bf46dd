using VocabTrim.Counting;
using VocabTrim.Pipeline.Tests.Support;
using VocabTrim.Selection;
using VocabTrim.TestSupport;
using VocabTrim.Tokenizers.SentencePiece;

namespace VocabTrim.Pipeline.Tests.Cli;

public class SelectAndTrimCommandTests
{
    private static ReferenceCounts Reference => ReferenceCounts.For("unigram-ende-16k");

    private static string WriteCounts(TempDir dir)
    {
        var folder = dir.File("counts");
        CountsDirectory.Write(folder, Reference.Vocabulary, [Reference.Counts["en"], Reference.Counts["de"]]);
        return folder;
    }

    [Fact]
    public void Select_then_trim_writes_the_keep_list_and_the_trimmed_tokenizer()
    {
        using var dir = new TempDir();
        var counts = WriteCounts(dir);

        var select = CliRun.Of(
            "select", "--counts", counts, "--langs", "en:3000,de:3000", "--overall", "400", "--out",
            dir.File("keep.json"));
        var trim = CliRun.Of(
            "trim", "--tokenizer", SharedData.UnigramEnDe16k, "--keep", dir.File("keep.json"), "--out",
            dir.File("trimmed"));

        select.Should().Match<CliRun>(r => r.ExitCode == 0 && r.Error == "", select.ToString());
        trim.Should().Match<CliRun>(r => r.ExitCode == 0 && r.Error == "", trim.ToString());
        var expected = VocabularySelector.Select(Reference.Vocabulary, [Reference.Counts["en"], Reference.Counts["de"]],
            LanguageQuota.ParseList("en:3000,de:3000"), 400);
        var keep = KeepListFile.Read(dir.File("keep.json"));
        keep.Ids.Should().Equal(expected.Ids);
        File.ReadAllBytes(dir.File("trimmed/spiece.model")).Should().Equal(
            SentencePieceTrimmer.Trim(SentencePieceModel.Load(SharedData.UnigramEnDe16k), expected.Ids)
                .Model.ToBytes());
        ReferenceSentencePiece.EncodeLines(dir.File("trimmed/spiece.model"), ["Guten Morgen, world!"]).Single()
            .Should().NotBeEmpty();

        select.Output.Should().StartWith($"kept {expected.Totals.Kept:N0} of 16,000 pieces: 259 special, ");
        select.Output.Should().Contain("  en: top 3,000 of ").And.Contain("  de: top 3,000 of ");
        trim.Output.Should().Be(
            $"kept {expected.Totals.Kept:N0} of 16,000 pieces\nwrote {dir.File("trimmed/spiece.model")}\n");
        Directory.GetFileSystemEntries(dir.Path).Select(Path.GetFileName).Should().BeEquivalentTo(
            "counts", "keep.json", "trimmed");
    }

    [Fact]
    public void Select_sentinels_none_leaves_mt5_s_sentinels_out_and_says_so()
    {
        using var dir = new TempDir();
        var mt5 = ReferenceCounts.For("mt5-derived-32k");
        CountsDirectory.Write(dir.File("counts"), mt5.Vocabulary, [mt5.Counts["en"], mt5.Counts["de"]]);

        var select = CliRun.Of(
            "select", "--counts", dir.File("counts"), "--langs", "en:1000,de:1000", "--sentinels", "none", "--out",
            dir.File("keep.json"));
        var bad = CliRun.Of(
            "select", "--counts", dir.File("counts"), "--langs", "en:1000", "--sentinels", "few", "--out",
            dir.File("bad.json"));

        select.ExitCode.Should().Be(0, select.ToString());
        var keep = KeepListFile.Read(dir.File("keep.json"));
        keep.Ids.Should().Equal(VocabularySelector.Select(mt5.Vocabulary, [mt5.Counts["en"], mt5.Counts["de"]],
            LanguageQuota.ParseList("en:1000,de:1000"), 0, SpecialTokenPolicy.None).Ids);
        keep.Ids.Should().NotContain(Enumerable.Range(mt5.Vocabulary.Count - 100, 100));
        keep.Selection!.Rule.SpecialTokens.Should().Be(SpecialTokenPolicy.None);
        select.Output.Should().Contain("; 100 sentinels left out").And.Contain(
            "note: sentinels none: kept 0 of the tokenizer's 100 sentinel pieces, dropped 100");
        bad.ExitCode.Should().NotBe(0);
        bad.Error.Should().Contain("sentinels 'few': expected all, none or a whole number N");
        File.Exists(dir.File("bad.json")).Should().BeFalse();
    }

    [Fact]
    public void Trim_reports_placeholders_and_takes_a_plain_keep_list()
    {
        using var dir = new TempDir();

        var trim = CliRun.Of("trim", "--tokenizer", SharedData.Mt5TinySpiece,
            "--keep", Path.Combine(SharedData.Reference("mt5-tiny"), "kept_mt5-tiny.json"), "--out", dir.File("out"));

        trim.ExitCode.Should().Be(0, trim.Error);
        trim.Output.Should().Contain("does not say which tokenizer it was made for")
            .And.Contain("kept 373 of 1,000 pieces")
            .And.Contain(
                "6 kept ids are beyond the tokenizer's pieces (checkpoint padding rows) and got unused placeholder " +
                "pieces: 1022, 1001, 1009, 1018, 1023, 1014");
        SentencePieceModel.Load(dir.File("out/spiece.model")).PieceCount.Should().Be(373);
    }

    [Fact]
    public void A_language_that_was_not_counted_is_one_line_on_stderr_and_exit_code_1()
    {
        using var dir = new TempDir();
        var counts = WriteCounts(dir);

        var run = CliRun.Of("select", "--counts", counts, "--langs", "en:100,fr:100", "--out", dir.File("keep.json"));

        run.ExitCode.Should().Be(1);
        run.Error.Should().Be(
            $"vocabtrim: {Path.Combine(counts, "counts.json")}: $.languages has no 'fr' (counted: en, de)\n");
        File.Exists(dir.File("keep.json")).Should().BeFalse();
    }

    [Fact]
    public void A_bad_quota_list_is_a_user_error()
    {
        var run = CliRun.Of("select", "--counts", "/nowhere", "--langs", "en:0", "--out", "/tmp/never.json");

        run.Should().Be(new CliRun(1, "", "vocabtrim: 'en:0': the number of pieces must be positive\n"));
    }

    [Fact]
    public void A_keep_list_for_another_tokenizer_is_refused_and_nothing_is_written()
    {
        using var dir = new TempDir();
        var counts = WriteCounts(dir);
        CliRun.Of("select", "--counts", counts, "--langs", "en:100", "--out", dir.File("keep.json"))
            .ExitCode.Should().Be(0);

        var run = CliRun.Of(
            "trim", "--tokenizer", SharedData.Mt5Derived32k, "--keep", dir.File("keep.json"), "--out", dir.File("out"));

        run.ExitCode.Should().Be(1);
        run.Error.Should().StartWith("vocabtrim: the keep list was made for the tokenizer with sha256 ")
            .And.EndWith(
                $"but {SharedData.Mt5Derived32k} has sha256 " +
                $"{SentencePieceModel.Load(SharedData.Mt5Derived32k).Sha256()}\n");
        Directory.Exists(dir.File("out")).Should().BeFalse();
    }

    [Fact]
    public void A_broken_keep_list_names_the_file_and_line()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("keep.json"), "[0, 1,\n 2,, 3]");

        var run = CliRun.Of(
            "trim", "--tokenizer", SharedData.Mt5TinySpiece, "--keep", dir.File("keep.json"), "--out", dir.File("out"));

        run.ExitCode.Should().Be(1);
        run.Error.Should().StartWith($"vocabtrim: {dir.File("keep.json")}: line 2").And.NotContain("   at ");
        run.Error.TrimEnd('\n').Should().NotContain("\n");
    }

    [Fact]
    public void A_missing_tokenizer_file_is_a_user_error()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("keep.json"), "[0, 1, 2]");

        var run = CliRun.Of(
            "trim", "--tokenizer", dir.File("missing.model"), "--keep", dir.File("keep.json"), "--out",
            dir.File("out"));

        run.Should().Match<CliRun>(
            r => r.ExitCode == 1
            && r.Error.StartsWith($"vocabtrim: {dir.File("missing.model")}: cannot read the file"));
    }

    [Fact]
    public void A_tokenizer_that_moved_can_be_given_and_is_checked_by_its_sha256()
    {
        using var dir = new TempDir();
        var moved = dir.File("moved.model");
        File.Copy(SharedData.UnigramEnDe16k, moved);
        var counts = dir.File("counts");
        CountsDirectory.Write(counts, TokenizerVocabulary.Load(moved), [Reference.Counts["en"]]);
        File.Delete(moved);

        var lost = CliRun.Of("select", "--counts", counts, "--langs", "en:100", "--out", dir.File("keep.json"));
        var found = CliRun.Of("select", "--counts", counts, "--langs", "en:100", "--out", dir.File("keep.json"),
            "--tokenizer", SharedData.UnigramEnDe16k);
        var wrong = CliRun.Of("select", "--counts", counts, "--langs", "en:100", "--out", dir.File("wrong.json"),
            "--tokenizer", SharedData.Mt5Derived32k);

        lost.Error.Should().Be(
            $"vocabtrim: {counts}/counts.json: $.tokenizer.path: {moved} does not exist any more; give the tokenizer " +
            "with --tokenizer\n");
        found.ExitCode.Should().Be(0, found.Error);
        wrong.ExitCode.Should().Be(1);
        wrong.Error.Should().StartWith(
            $"vocabtrim: {counts}/counts.json: these counts were made with the tokenizer {moved}");
    }

    [Fact]
    public void A_missing_required_option_is_reported_by_the_parser()
    {
        var run = CliRun.Of("trim", "--tokenizer", "x.model");

        run.ExitCode.Should().Be(1);
        run.Error.Should().Contain("--keep").And.Contain("--out");
    }
}
