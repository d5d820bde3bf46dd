using System.Diagnostics;
using System.Globalization;
using VocabTrim.Checkpoints;
using VocabTrim.Synthetic;
using VocabTrim.Tokenizers.SentencePiece;

namespace VocabTrim.Benchmarks;

/// <summary>
/// Issue 15's benchmarks: a full <c>vocabtrim adapt</c> (en:15000,de:30000, overall 2000, validation at the recipe
/// defaults) of a seed model at its real shapes and hub layout, run as the user runs it — the CLI as a child process —
/// inside a cgroup v1 memory limit, on corpora whose word types grow as real text's (<see cref="HeapsCorpus"/>).
/// Reports wall time, the stages' own times, peak RSS and peak anonymous memory (sampled from /proc), and the cgroup's
/// peak. Inputs are made once in the work folder and reused; <c>--clean</c> deletes them afterwards.
/// </summary>
internal static class SeedModelBenchmark
{
    private sealed record Preset(string Name, string Limit, double TargetMinutes, Action<string> WriteModel,
        bool Bloom);

    private static readonly Preset[] Presets =
    [
        new("mt0-xl", "8G", 5, f => SyntheticCheckpoints.WriteMt5(f, Mt5Architecture.Mt0Xl(), HubLayout.Mt0Xl),
            Bloom: false),
        new("mt0-xxl", "8G", 15, f => SyntheticCheckpoints.WriteMt5(f, Mt5Architecture.Mt0Xxl(), HubLayout.Mt0Xxl),
            Bloom: false),
        new("bloomz-7b1", "8G", 10,
            f => SyntheticCheckpoints.WriteBloom(f, BloomArchitecture.Bloomz7b1(), HubLayout.Bloomz7b1), Bloom: true),
        new("bloomz-176b-slice", "16G", double.NaN,
            f => SyntheticCheckpoints.WriteBloom(f, BloomArchitecture.Bloomz176b(), HubLayout.Bloomz176bSlice),
            Bloom: true),
    ];

    /// <summary>seed-adapt PRESET [--work DIR] [--limit 8G] [--sentences N] [--clean]</summary>
    public static int Run(string[] args)
    {
        var preset = Presets.FirstOrDefault(p => args.Length > 0 && p.Name == args[0]);
        if (preset == null)
        {
            Console.Error.WriteLine(
                $"usage: seed-adapt {string.Join('|', Presets.Select(p => p.Name))} [--work DIR] [--limit 8G] "
                + "[--sentences N] [--clean]");
            return 1;
        }
        var work = Path.GetFullPath(Option(args, "--work") ?? Path.Combine(Path.GetTempPath(), "vocabtrim-seed-bench"));
        var limit = Option(args, "--limit") ?? preset.Limit;
        var sentences = long.Parse(Option(args, "--sentences") ?? "1000000", CultureInfo.InvariantCulture);
        Directory.CreateDirectory(work);

        var english = Corpus(work, "en", "eng", sentences);
        var german = Corpus(work, "de", "deu", sentences);
        var model = Model(work, preset, english, german);
        var cli = BuildCli();
        var output = Path.Combine(work, "out-" + preset.Name);
        if (Directory.Exists(output)) Directory.Delete(output, recursive: true);
        var cache = Path.Combine(work, "cache");
        if (Directory.Exists(cache)) Directory.Delete(cache, recursive: true);

        string[] adapt = ["adapt", "--model", model, "--langs", "en:15000,de:30000", "--overall", "2000",
            "--corpus", $"en={english}", "--corpus", $"de={german}", "--out", output, "--cache", cache, "--json"];
        Console.WriteLine($"{preset.Name}: vocabtrim {string.Join(' ', adapt)}");
        Console.WriteLine($"memory limit {limit} (cgroup v1), machine load {File.ReadAllText("/proc/loadavg").Trim()}");
        var run = MemoryLimitedRun.Start(cli, adapt, limit, "vocabtrim-seed-" + preset.Name);
        var result = run.WaitAndMeasure();
        Console.WriteLine(result.Stdout);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""
            exit code              {result.ExitCode}
            wall time              {result.Wall.TotalMinutes:F2} min (target {(double.IsNaN(preset.TargetMinutes)
                ? "report it" : $"≤ {preset.TargetMinutes} min")})
            peak RSS (VmHWM)       {result.PeakRss / 1e9:F2} GB
            peak anonymous memory  {result.PeakAnon / 1e9:F2} GB (RssAnon, sampled every 100 ms)
            cgroup peak            {result.CgroupPeak / 1e9:F2} GB of {limit} (page cache included)
            cgroup OOM kills       {result.OomKills}
            """));
        if (result.ExitCode != 0) Console.WriteLine(result.Stderr);
        // Where validation's time went (identity check, layer passes, weight reads, original head): the figures
        // the per-layer extrapolations in docs/performance.md are made from.
        var validation = Path.Combine(output, "validation.json");
        if (File.Exists(validation)
            && System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(validation))?["run"] is { } timings)
            Console.WriteLine("validation run: "
                + timings.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));
        if (Directory.Exists(output)) Directory.Delete(output, recursive: true);
        if (Directory.Exists(cache)) Directory.Delete(cache, recursive: true);
        if (args.Contains("--clean")) Directory.Delete(work, recursive: true);
        return result.ExitCode;
    }

    private static string Corpus(string work, string language, string iso3, long sentences)
    {
        var path = Path.Combine(work, $"{iso3}_heaps_{sentences}-sentences.txt");
        if (File.Exists(path)) return path;
        var clock = Stopwatch.StartNew();
        var (_, types) = HeapsCorpus.Write(
            BenchmarkData.File("corpora", "leipzig", $"{iso3}_news_2020_10K-sentences.txt"), path, sentences, language);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"wrote {path}: {sentences:N0} sentences, {types:N0} word types ({clock.Elapsed.TotalSeconds:F0} s)"));
        return path;
    }

    private static string Model(string work, Preset preset, string english, string german)
    {
        var folder = Path.Combine(work, preset.Name);
        var done = Path.Combine(folder, ".complete");
        if (File.Exists(done)) return folder;
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        var clock = Stopwatch.StartNew();
        Console.WriteLine($"writing the synthetic {preset.Name} checkpoint to {folder}");
        preset.WriteModel(folder);
        if (preset.Bloom)
        {
            // Trained on a slice of the benchmark's own corpora, so that its merges meet their words.
            var sample = File.ReadLines(english).Take(100_000).Concat(File.ReadLines(german).Take(100_000))
                .Select(l => l[(l.IndexOf('\t') + 1)..]);
            var (json, merged) = BloomSizedTokenizer.Build(sample);
            File.WriteAllText(Path.Combine(folder, "tokenizer.json"), json);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"tokenizer.json: {BloomSizedTokenizer.BloomTokens:N0} tokens, {merged:N0} from merges"));
        }
        else
        {
            BenchmarkData.WriteMt5SizedSentencePieceWithSampleWords(Path.Combine(folder, "spiece.model"));
        }
        File.WriteAllText(done, "");
        var bytes = Directory.EnumerateFiles(folder).Sum(f => new FileInfo(f).Length);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"model folder: {bytes / 1e9:F1} GB in {clock.Elapsed.TotalMinutes:F1} min"));
        return folder;
    }

    /// <summary>The CLI a user runs, built in Release from this repository.</summary>
    private static string BuildCli()
    {
        var project = FindCliProject();
        using var build =
            Process.Start(new ProcessStartInfo("dotnet", ["build", project, "-c", "Release", "--nologo", "-v", "q"]))!;
        build.WaitForExit();
        if (build.ExitCode != 0) throw new InvalidOperationException($"building {project} failed");
        return Path.Combine(project, "bin", "Release", "net10.0", "vocabtrim.dll");
    }

    private static string FindCliProject()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "VocabTrim.sln")))
                return Path.Combine(dir.FullName, "src", "VocabTrim.Cli");
        throw new InvalidOperationException("VocabTrim.sln not found above " + AppContext.BaseDirectory);
    }

    private static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
