using VocabTrim.Counting;
using VocabTrim.Pipeline.Tests.Support;
using VocabTrim.TestSupport;

namespace VocabTrim.Pipeline.Tests.Cli;

/// <summary>
/// select, validate --out and trim --tokenizer, like adapt, never replace an existing output unless --force: one
/// line, exit 1, the old file byte for byte; with --force the new one replaces it, and no temporary file is left.
/// </summary>
public class ExistingOutputTests
{
    private static string Mt5Tiny => SharedData.Reference("mt5-tiny");

    private static void ShouldRefuse(CliRun run, string existing)
    {
        run.ExitCode.Should().Be(1, run.ToString());
        run.Error.Should().Be(
            $"vocabtrim: {existing}: already exists; choose another output or replace it with --force\n");
        run.Output.Should().BeEmpty();
    }

    [Fact]
    public void Select_refuses_an_existing_keep_list_unless_force()
    {
        using var dir = new TempDir();
        var reference = ReferenceCounts.For("unigram-ende-16k");
        CountsDirectory.Write(
            dir.File("counts"), reference.Vocabulary, [reference.Counts["en"], reference.Counts["de"]]);
        var keep = dir.File("keep.json");
        string[] Select(string langs) => ["select", "--counts", dir.File("counts"), "--langs", langs, "--out", keep];
        CliRun.Of(Select("en:3000")).ExitCode.Should().Be(0);
        var first = File.ReadAllBytes(keep);

        var refused = CliRun.Of(Select("en:1000,de:1000"));
        ShouldRefuse(refused, keep);
        File.ReadAllBytes(keep).Should().Equal(first);

        var forced = CliRun.Of([.. Select("en:1000,de:1000"), "--force"]);
        forced.ExitCode.Should().Be(0, forced.ToString());
        File.ReadAllBytes(keep).Should().NotEqual(first);
        Directory.GetFileSystemEntries(dir.Path).Select(Path.GetFileName).Should()
            .BeEquivalentTo(["counts", "keep.json"]);
    }

    [Fact]
    public void Trim_tokenizer_refuses_an_existing_spiece_model_unless_force_and_trim_model_has_no_force()
    {
        using var dir = new TempDir();
        var small = dir.File("small.json");
        File.WriteAllText(small, $"[{string.Join(",", Enumerable.Range(0, 400))}]");
        var large = dir.File("large.json");
        File.WriteAllText(large, $"[{string.Join(",", Enumerable.Range(0, 800))}]");
        string[] Trim(string keep) =>
            ["trim", "--tokenizer", SharedData.Mt5TinySpiece, "--keep", keep, "--out", dir.File("out")];
        CliRun.Of(Trim(small)).ExitCode.Should().Be(0);
        var first = File.ReadAllBytes(dir.File("out/spiece.model"));

        ShouldRefuse(CliRun.Of(Trim(large)), dir.File("out/spiece.model"));
        File.ReadAllBytes(dir.File("out/spiece.model")).Should().Equal(first);

        CliRun.Of([.. Trim(large), "--force"]).ExitCode.Should().Be(0);
        File.ReadAllBytes(dir.File("out/spiece.model")).Should().NotEqual(first);
        Directory.GetFileSystemEntries(dir.File("out")).Select(Path.GetFileName).Should().Equal(["spiece.model"]);

        var model = CliRun.Of("trim", "--model", Mt5Tiny, "--keep", small, "--out", dir.File("slim"), "--force");
        model.ExitCode.Should().Be(1, model.ToString());
        model.Error.Should().StartWith("vocabtrim: --force applies to --tokenizer only");
    }

    [Fact]
    public void Validate_refuses_an_existing_report_before_validating_unless_force()
    {
        using var dir = new TempDir();
        CliRun.Of(
            "trim", "--model", Mt5Tiny, "--keep", Path.Combine(Mt5Tiny, "kept_mt5-tiny.json"), "--out", dir.File(
                "slim")).ExitCode.Should().Be(0);
        var report = dir.File("validation.json");
        File.WriteAllText(report, "mine");
        string[] validate =
            ["validate", "--original", Mt5Tiny, "--slim", dir.File("slim"), "--input-ids",
                Path.Combine(Mt5Tiny, "inputs.json"),
            "--max-new-tokens", "3", "--out", report];

        var refused = CliRun.Of(validate);
        ShouldRefuse(refused, report);
        File.ReadAllText(report).Should().Be("mine");

        var forced = CliRun.Of([.. validate, "--force"]);
        forced.ExitCode.Should().Be(0, forced.ToString());
        File.ReadAllText(report).Should().StartWith("{");
        Directory.GetFileSystemEntries(dir.Path).Select(Path.GetFileName).Should()
            .BeEquivalentTo(["slim", "validation.json"]);
    }
}
