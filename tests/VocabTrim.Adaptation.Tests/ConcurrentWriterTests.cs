using VocabTrim.Common;
using VocabTrim.Counting;
using VocabTrim.TestSupport;

namespace VocabTrim.Adaptation.Tests;

/// <summary>
/// Real vocabtrim processes writing the same output at once, and runs killed with SIGKILL: exactly one writer wins,
/// the other fails with one line and leaves nothing, and a dead run's leftovers are swept while a live run's never are.
/// </summary>
public sealed class ConcurrentWriterTests(LargeModelFixture large) : IClassFixture<LargeModelFixture>, IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private readonly TempDir _temp = new();

    public void Dispose() => _temp.Dispose();

    private static string DemoModel => Path.Combine(RepositoryPaths.Root, "models", "demo-mt5");

    private IEnumerable<string?> Entries() =>
        Directory.GetFileSystemEntries(_temp.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal);

    [Fact]
    public void Two_adapt_runs_into_one_new_folder_one_writes_it_and_the_other_fails_with_one_line()
    {
        var output = _temp.File("out");
        string[] args =
            ["adapt", "--recipe", ShippedRecipes.PathOf("demo-en-de.json"), "--out", output, "--cache",
                _temp.File("cache"),
            "--skip-validation", "--quiet"];
        using var first = CliProcess.Start(args);
        using var second = CliProcess.Start(args);

        var runs = new[] { first.WaitForExit(Patience), second.WaitForExit(Patience) };

        runs.Select(r => r.ExitCode).Order().Should().Equal([0, 1], string.Join("\n", runs.Select(r => r.ToString())));
        var loser = runs.Single(r => r.ExitCode == 1);
        loser.Error.Should().MatchRegex(
            @"^vocabtrim: [^\n]*(another vocabtrim run is writing|already exists)[^\n]*\n$", loser.ToString());
        runs.Single(r => r.ExitCode == 0).Output.Should().Contain($"wrote {output}");
        OutputFolderContents.ShouldBeComplete(output, ["en", "de"], validated: false);
        Entries().Should().Equal(["cache", "out"], "no work folder or lock file is left");
    }

    [Fact]
    public void A_count_into_a_folder_another_count_is_writing_fails_at_once_and_the_folder_stays_consistent()
    {
        var corpus = _temp.File("en.txt");
        File.WriteAllLines(
            corpus, Enumerable.Repeat(File.ReadAllLines(SharedData.EnglishSample), 4).SelectMany(l => l));
        var output = _temp.File("counts");
        using var english = CliProcess.Start(
            "count", "--tokenizer", DemoModel, "--corpus", $"en={corpus}", "--out", output, "--threads", "1");
        english.WaitUntil(() => File.Exists(OutputLock.PathFor(output)), Patience, "counting English starts");

        var german = CliProcess.Run(null, new Dictionary<string, string?>(),
            "count", "--tokenizer", DemoModel, "--corpus", $"de={SharedData.GermanSample}", "--out", output);
        var first = english.WaitForExit(Patience);

        german.ExitCode.Should().Be(1, german.ToString());
        german.Error.Should().Be(
            $"vocabtrim: {output}: another vocabtrim run is writing this output right now; wait for it to finish or " +
            "choose another output\n");
        first.ExitCode.Should().Be(0, first.ToString());
        var vocabulary = TokenizerVocabulary.Load(Path.Combine(DemoModel, "spiece.model"));
        CountsDirectory.Read(output, vocabulary).Select(l => l.Language).Should().Equal(["en"]);
        Directory.GetFiles(output).Select(Path.GetFileName).Order(StringComparer.Ordinal).Should().Equal(
            ["counts.json", "en.counts.csv"]);
        Entries().Should().Equal(["counts", "en.txt"]);
    }

    [Fact]
    public void A_live_runs_work_folder_is_never_swept_and_a_killed_runs_is_swept_by_the_next_run()
    {
        var output = _temp.File("out");
        using var live = CliProcess.Start(
            "trim", "--model", large.Model, "--keep", large.KeepList, "--out", output, "--dtype", "bfloat16");
        string? work = null;
        live.WaitUntil(
            () => (work = Directory.EnumerateDirectories(_temp.Path, ".out.vocabtrim-tmp-*").FirstOrDefault()) != null,
            Patience, "the work folder appears");

        WorkFolder.RemoveAbandoned(output);
        var second = CliProcess.Run(
            null, new Dictionary<string, string?>(), "trim", "--model", large.Model, "--keep", large.KeepList, "--out",
            output);

        Directory.Exists(work).Should().BeTrue(
            "its run is alive: neither this process's sweep nor a second run removes it");
        second.ExitCode.Should().Be(1, second.ToString());
        second.Error.Should().Contain("another vocabtrim run is writing").And.NotContain("   at ");

        live.Signal("KILL");
        live.WaitForExit(Patience);
        Entries().Should().Contain(Path.GetFileName(work)).And.Contain(
            Path.GetFileName(work) + ".lock", "SIGKILL leaves them behind");

        var keep = _temp.File("keep.json");
        File.WriteAllText(keep, $"[{string.Join(",", Enumerable.Range(0, 600))}]");
        var next = CliProcess.Run(
            null, new Dictionary<string, string?>(), "trim", "--model", DemoModel, "--keep", keep, "--out", output);

        next.ExitCode.Should().Be(0, next.ToString());
        Entries().Should().Equal(["keep.json", "out"], "the killed run's work folder and lock files are gone");
    }
}
