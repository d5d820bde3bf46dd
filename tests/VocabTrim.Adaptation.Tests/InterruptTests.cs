using VocabTrim.Common;
using VocabTrim.TestSupport;

namespace VocabTrim.Adaptation.Tests;

/// <summary>
/// Ctrl-C as a user presses it: a real vocabtrim process gets SIGINT (or SIGTERM) in the middle of its long loop
/// and must end with exit 130 and one line, having removed everything it had begun to write.
/// </summary>
public sealed class InterruptTests(LargeModelFixture large) : IClassFixture<LargeModelFixture>, IDisposable
{
    private const string Interrupted = "vocabtrim: interrupted; nothing was written";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private readonly TempDir _temp = new();

    public void Dispose() => _temp.Dispose();

    private static string DemoModel => Path.Combine(RepositoryPaths.Root, "models", "demo-mt5");

    [Theory]
    [InlineData("INT")]
    [InlineData("TERM")]
    public void Trim_model_interrupted_while_writing_the_weights_leaves_no_output_and_no_work_folder(string signal)
    {
        var output = _temp.File("out");
        using var trim = CliProcess.Start(
            "trim", "--model", large.Model, "--keep", large.KeepList, "--out", output, "--dtype", "bfloat16");

        trim.WaitUntil(() => Directory.EnumerateDirectories(_temp.Path, ".out.vocabtrim-tmp-*")
            .Any(d => Directory.EnumerateFiles(d).Any(f => new FileInfo(f).Length > 0)), Patience,
                "the weights are being written");
        trim.Signal(signal);

        ShouldBeInterrupted(trim.WaitForExit(Patience), "trim --model");
        Directory.GetFileSystemEntries(_temp.Path).Should().BeEmpty(
            "neither the output, its work folder nor a lock file is left");
    }

    [Fact]
    public void Count_interrupted_while_counting_leaves_no_counts_folder()
    {
        var corpus = _temp.File("en.txt");
        File.WriteAllLines(
            corpus, Enumerable.Repeat(File.ReadAllLines(SharedData.EnglishSample), 6).SelectMany(l => l));
        var output = _temp.File("counts");
        using var count = CliProcess.Start(
            "count", "--tokenizer", DemoModel, "--corpus", $"en={corpus}", "--out", output, "--threads", "1");

        // The lock is taken once the tokenizer is loaded, right before counting starts.
        count.WaitUntil(() => File.Exists(OutputLock.PathFor(output)), Patience, "counting starts");
        count.Signal("INT");

        ShouldBeInterrupted(count.WaitForExit(Patience), "count");
        Directory.GetFileSystemEntries(_temp.Path).Select(Path.GetFileName).Should().Equal(["en.txt"]);
    }

    [Fact]
    public void Validate_interrupted_between_steps_writes_no_report()
    {
        var slim = _temp.File("slim");
        var adapt = CliRun.Of(
            "adapt", "--recipe", ShippedRecipes.PathOf("demo-en-de.json"), "--out", slim, "--cache",
            _temp.File("cache"),
            "--skip-validation", "--quiet");
        adapt.ExitCode.Should().Be(0, adapt.ToString());
        Directory.Delete(_temp.File("cache"), recursive: true);
        var ids = _temp.File("ids.json");
        File.WriteAllText(ids, "[[5,17,20,1],[30,40,50,60,1]]");
        var report = _temp.File("validation.json");

        // Hundreds of teacher-forced steps per sequence: far longer than loading the two models.
        using var validate = CliProcess.Start("validate", "--original", DemoModel, "--slim", slim, "--input-ids", ids,
            "--max-new-tokens", "300", "--out", report);
        validate.WaitUntil(() => validate.HasLoaded("libtorch"), Patience, "the models are being loaded");
        validate.Signal("INT");

        ShouldBeInterrupted(validate.WaitForExit(Patience), "validate");
        Directory.GetFileSystemEntries(_temp.Path).Select(Path.GetFileName).Should()
            .BeEquivalentTo(["slim", "ids.json"]);
    }

    [Fact]
    public void Generate_interrupted_between_steps_prints_nothing_and_writes_no_logits()
    {
        var logits = _temp.File("logits.json");
        // The random demo model never says eos, so it runs all its steps unless interrupted.
        using var generate = CliProcess.Start(
            "generate", "--model", DemoModel, "--input-ids", "5,17,20,1", "--max-new-tokens", "600",
            "--logits-out", logits);
        generate.WaitUntil(() => generate.HasLoaded("libtorch"), Patience, "the model is being loaded");
        generate.Signal("INT");

        var run = generate.WaitForExit(Patience);
        ShouldBeInterrupted(run, "generate");
        run.Output.Should().BeEmpty();
        Directory.GetFileSystemEntries(_temp.Path).Should().BeEmpty();
    }

    private static void ShouldBeInterrupted(ProcessResult run, string verb)
    {
        run.ExitCode.Should().Be(130, $"{verb} was interrupted: {run}");
        run.Error.TrimEnd().Split('\n').Last().Should().Be(Interrupted, run.ToString());
        run.Error.Should().NotContain("   at ", "no stack trace");
    }
}
