using System.Text.Json;
using VocabTrim.Adaptation;
using VocabTrim.Common;
using VocabTrim.Counting;
using VocabTrim.Selection;
using VocabTrim.TestSupport;
using VocabTrim.Validation;

using VocabTrim.Reporting;

namespace VocabTrim.Adaptation.Tests;

/// <summary>
/// The whole pipeline on the shared mt5-tiny model (a real 1,000-piece SentencePiece model with random weights)
/// and the shared Leipzig samples: what lands in the output folder, that nothing is left behind on failure, and
/// that counts are reused.
/// </summary>
public sealed class AdapterTests : IDisposable
{
    private readonly TempDir _temp = new();

    public void Dispose() => _temp.Dispose();

    private AdaptationPlan Plan(string output, bool validate = true) => new()
    {
        ModelFolder = SharedData.Reference("mt5-tiny"),
        Languages =
        [
            new LanguagePlan(
                "en", 300, SharedData.EnglishSample, "eng sample", new CountingOptions(
                    2000, false, CorpusCounter.LeipzigFormat)),
            new LanguagePlan(
                "de", 400, SharedData.GermanSample, "deu sample", new CountingOptions(
                    2000, false, CorpusCounter.LeipzigFormat)),
        ],
        Overall = 50,
        OutputFolder = output,
        CountsCache = new CountsCache(_temp.File("cache")),
        Validation = validate
            ? new ValidationPlan(
                [("en", SharedData.EnglishSample), ("de", SharedData.GermanSample)], new ValidationOptions(
                    MaxSentences: 200, LogitSentences: 3, MaxNewTokens: 4))
            : null,
    };

    [Fact]
    public void Writes_a_complete_validated_model_folder()
    {
        var output = _temp.File("out");
        var observer = new RecordingObserver();

        var result = Adaptation.Run(Plan(output), observer);

        result.OutputFolder.Should().Be(output);
        result.Passed.Should().BeTrue(string.Join("; ", result.Validation!.Failures));
        foreach (var file in new[] { "config.json", "model.safetensors", "spiece.model", "vocabtrim.json",
            "keep.json", "validation.json", "counts/counts.json", "counts/en.counts.csv", "counts/de.counts.csv" })
            File.Exists(Path.Combine(output, file)).Should().BeTrue(file);
        Directory.GetFileSystemEntries(_temp.Path).Select(Path.GetFileName).Should().BeEquivalentTo(
            ["out", "cache"], "no work folder is left beside the output");

        // The keep list travels with the model, and vocabtrim.json points at it there.
        var keep = KeepListFile.Read(Path.Combine(output, "keep.json"));
        using var manifest = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(output, "vocabtrim.json")));
        var keepList = manifest.RootElement.GetProperty("keep_list");
        keepList.GetProperty("path").GetString().Should().Be("keep.json");
        keepList.GetProperty("ids").EnumerateArray().Select(e => e.GetInt32()).Should().Equal(keep.Ids);
        keepList.GetProperty("sha256").GetString().Should().Be(FileSha256(Path.Combine(output, "keep.json")));
        keep.Ids.Should().Equal(result.Selection.Ids);

        // The counts written are those the selection used: 2,000 sentences per language.
        var counted = CountsDirectory.ReadManifest(Path.Combine(output, "counts"));
        counted.Languages["en"].Sentences.Should().Be(2000);
        counted.Languages["de"].Sentences.Should().Be(2000);

        result.Stages.Select(s => s.Stage).Should().Equal(
            "load tokenizer", "count en", "count de", "select", "trim", "validate");
        observer.Finished.Select(f => f.Stage).Should().Equal(result.Stages.Select(s => s.Stage));
        result.Validation!.Slim.Should().Be(output, "the report names the folder the user has, not the work folder");
        // Only the files the model was loaded from count: mt5-tiny also has the same weights as pytorch_model.bin.
        result.Validation.OriginalModel.WeightFileBytes.Should().Be(
            new FileInfo(Path.Combine(SharedData.Reference("mt5-tiny"), "model.safetensors")).Length);
        result.Validation.SlimModel.WeightFileBytes.Should().Be(result.Trim.BytesAfter);
        result.Trim.OutputFolder.Should().Be(output);
    }

    [Fact]
    public void A_second_run_reuses_the_cached_counts_and_gets_the_same_keep_list()
    {
        var first = Adaptation.Run(Plan(_temp.File("one"), validate: false));
        var observer = new RecordingObserver();
        var second = Adaptation.Run(Plan(_temp.File("two"), validate: false), observer);

        second.Stages.Where(s => s.Stage.StartsWith("count ", StringComparison.Ordinal)).Should()
            .OnlyContain(s => s.Reused);
        first.Stages.Where(s => s.Stage.StartsWith("count ", StringComparison.Ordinal)).Should()
            .OnlyContain(s => !s.Reused);
        second.Selection.Ids.Should().Equal(first.Selection.Ids);
        File.ReadAllBytes(_temp.File("two/model.safetensors")).Should().Equal(
            File.ReadAllBytes(_temp.File("one/model.safetensors")));
    }

    [Fact]
    public void Changed_options_are_counted_again()
    {
        Adaptation.Run(Plan(_temp.File("one"), validate: false));
        var plan = Plan(_temp.File("two"), validate: false);
        plan =
            plan with
            {
                Languages =
                [
                    plan.Languages[0] with { Counting = new CountingOptions(1000, false, CorpusCounter.LeipzigFormat) },
                    plan.Languages[1],
                ],
            };

        var result = Adaptation.Run(plan);

        result.Stages.Single(s => s.Stage == "count en").Reused.Should().BeFalse();
        result.Stages.Single(s => s.Stage == "count de").Reused.Should().BeTrue();
        result.Counts.Single(c => c.Language == "en").Sentences.Should().Be(1000);
    }

    [Fact]
    public void An_existing_output_is_refused_and_left_alone_unless_overwriting()
    {
        var output = _temp.File("out");
        Directory.CreateDirectory(output);
        File.WriteAllText(Path.Combine(output, "mine.txt"), "keep me");

        var refused = () => Adaptation.Run(Plan(output, validate: false));

        refused.Should().Throw<AdaptationException>().WithMessage("*already exists*--force*");
        File.ReadAllText(Path.Combine(output, "mine.txt")).Should().Be("keep me");
        Directory.GetFileSystemEntries(_temp.Path).Select(Path.GetFileName).Should().BeEquivalentTo(["out"]);

        Adaptation.Run(Plan(output, validate: false) with { Overwrite = true });
        File.Exists(Path.Combine(output, "mine.txt")).Should().BeFalse("the old folder is replaced as a whole");
        File.Exists(Path.Combine(output, "model.safetensors")).Should().BeTrue();
        Directory.GetFileSystemEntries(_temp.Path).Select(Path.GetFileName).Should().BeEquivalentTo(["out", "cache"]);
    }

    [Fact]
    public void A_failure_late_in_the_run_leaves_no_output_and_keeps_an_old_one_intact()
    {
        var output = _temp.File("out");
        Directory.CreateDirectory(output);
        File.WriteAllText(Path.Combine(output, "old.txt"), "previous result");

        var failing = () => Adaptation.Run(Plan(output, validate: false) with { Overwrite = true }, finish:
            (_, _) => throw new IOException("disk full while writing the report"));

        failing.Should().Throw<IOException>();
        Directory.GetFiles(output).Select(Path.GetFileName).Should().Equal("old.txt");
        Directory.GetFileSystemEntries(_temp.Path).Select(Path.GetFileName).Should().BeEquivalentTo(["out", "cache"]);
    }

    [Fact]
    public void Cancelling_while_the_weights_are_written_stops_there_and_leaves_nothing_behind()
    {
        using var cancel = new CancellationTokenSource();
        var progress = new List<double?>();
        var observer = new RecordingObserver
        {
            OnStageProgress = (stage, fraction) =>
            {
                if (stage != "trim") return;
                progress.Add(fraction);
                if (fraction > 0.3) cancel.Cancel();
            },
        };

        var cancelled = () => Adaptation.Run(Plan(_temp.File("out"), validate: false), observer, cancel.Token);

        cancelled.Should().Throw<OperationCanceledException>();
        progress.Should().NotBeEmpty().And.OnlyContain(f => f > 0 && f < 1, "the writing stopped part way");
        Directory.GetFileSystemEntries(_temp.Path).Select(Path.GetFileName).Should().BeEquivalentTo(["cache"]);
    }

    [Fact]
    public void Work_folders_of_killed_runs_are_removed_and_those_of_running_ones_kept()
    {
        static string WorkFolder(string name) => $".{name}.vocabtrim-adapt-{Guid.NewGuid():N}";
        // Killed: its lock file is there but nobody holds it. Older vocabtrim: no lock file at all.
        var dead = Directory.CreateDirectory(_temp.File(WorkFolder("out"))).FullName;
        File.WriteAllText(dead + ".lock", "");
        File.WriteAllText(Path.Combine(dead, "half-written.safetensors"), "x");
        var old = Directory.CreateDirectory(_temp.File(WorkFolder("out"))).FullName;
        File.WriteAllText(Path.Combine(old, "vocabtrim.pid"), "1");
        // Running: its lock is held (here by this process, through a handle of its own).
        var alive = Directory.CreateDirectory(_temp.File(WorkFolder("out"))).FullName;
        using var held = LockFile.TryTake(alive + ".lock", create: true);
        var other = Directory.CreateDirectory(_temp.File(WorkFolder("other"))).FullName;

        Adaptation.Run(Plan(_temp.File("out"), validate: false));

        Directory.Exists(dead).Should().BeFalse();
        File.Exists(dead + ".lock").Should().BeFalse();
        Directory.Exists(old).Should().BeFalse();
        Directory.Exists(alive).Should().BeTrue("its lock is held");
        Directory.Exists(other).Should().BeTrue("it belongs to another output folder");
    }

    [Fact]
    public void The_finisher_writes_into_the_folder_before_it_appears()
    {
        var output = _temp.File("out");
        string? seen = null;

        Adaptation.Run(Plan(output, validate: false), finish: (folder, result) =>
        {
            Directory.Exists(output).Should().BeFalse("the output appears only when complete");
            seen = folder;
            File.WriteAllText(Path.Combine(folder, "README.md"), $"kept {result.Selection.Totals.Kept}");
        });

        seen.Should().NotBe(output);
        File.ReadAllText(Path.Combine(output, "README.md")).Should().StartWith("kept ");
    }

    [Fact]
    public void A_missing_corpus_is_named_before_anything_is_written()
    {
        var plan = Plan(_temp.File("out"), validate: false);
        plan = plan with { Languages = [plan.Languages[0] with { Corpus = _temp.File("nope.txt") }] };

        var run = () => Adaptation.Run(plan);

        run.Should().Throw<AdaptationException>().WithMessage("en: corpus */nope.txt does not exist");
        Directory.GetFileSystemEntries(_temp.Path).Should().BeEmpty();
    }

    private static string FileSha256(string path) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(path)));

    private sealed class RecordingObserver : IAdaptationObserver
    {
        public List<StageTiming> Finished { get; } = [];
        public Action<string, double?>? OnStageProgress { get; init; }
        public void StageStarted(string stage, string description) { }
        public void StageProgress(string stage, string status, double? fraction) =>
            OnStageProgress?.Invoke(stage, fraction);
        public void StageFinished(StageTiming timing, string summary) { lock (Finished) Finished.Add(timing); }
        public void Note(string message) { }
    }
}
