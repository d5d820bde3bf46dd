using System.Diagnostics;
using VocabTrim.Surgery;

namespace VocabTrim.Benchmarks;

/// <summary>
/// The issue's "Memory and speed" benchmark (not a timed test): trims synthetic multi-gigabyte checkpoints and
/// compares the wall time with <c>cp</c> of the same weight file in the same run, both with a warm page cache.
/// Each trim runs in a child process so its peak RSS (VmHWM) is its own, not the generator's.
/// </summary>
internal static class ModelTrimBenchmark
{
    public const string ChildVerb = "model-trim-child";

    // The machine is shared and writeback of other processes' dirty pages lands on either side: several
    // alternating rounds, best and median of each.
    private const int Rounds = 3;

    private static readonly (string Name, int Layers, Action<string, int> Write, long Vocab)[] Cases =
    [
        ("mt0-small", 8, SyntheticModel.WriteMt0Small, SyntheticModel.Mt0Vocab),
        ("mt0-small-shapes-56+56-layers", 56, SyntheticModel.WriteMt0Small, SyntheticModel.Mt0Vocab),
        ("bloomz-560m", 24, SyntheticModel.WriteBloomz560m, SyntheticModel.BloomVocab),
    ];

    public static int Run(string[] args)
    {
        var work = Path.GetFullPath(args.Length > 0
            ? args[0] : Path.Combine(Path.GetTempPath(), "vocabtrim-model-bench"));
        Directory.CreateDirectory(work);
        Console.WriteLine(
            $"{"model",-32} {"weights",10} {"cp best/median s",17} {"trim best/median s",19} {"ratio",6} "
            + $"{"peak RSS",9}");
        foreach (var (name, layers, write, vocab) in Cases)
        {
            var model = Path.Combine(work, name);
            if (!File.Exists(Path.Combine(model, "config.json"))) write(model, layers);
            var keep = Path.Combine(work, $"{name}.keep.json");
            SyntheticModel.WriteKeepList(keep, vocab, 32_000);
            var weights = Path.Combine(model, "model.safetensors");
            var size = new FileInfo(weights).Length;

            // Warm the page cache once so that neither side pays for the first read from disk.
            Time("cat", weights, "/dev/null", shell: true);
            var cp = new List<double>();
            var trim = new List<(double Seconds, long PeakKb)>();
            for (var round = 0; round < Rounds; round++)
            {
                var copy = Path.Combine(work, "cp-copy.safetensors");
                cp.Add(Time("cp", weights, copy));
                File.Delete(copy);
                var output = Path.Combine(work, "trimmed");
                if (Directory.Exists(output)) Directory.Delete(output, recursive: true);
                trim.Add(TrimInChild(model, keep, output));
                Directory.Delete(output, recursive: true);
            }
            var trimSeconds = trim.Select(t => t.Seconds).ToList();
            Console.WriteLine(
                $"{name,-32} {size / 1e9,8:F2}GB {cp.Min(),8:F2} /{Median(cp),6:F2} {trimSeconds.Min(),10:F2} " +
                $"/{Median(trimSeconds),6:F2} " +
                $"{Median(trimSeconds) / Median(cp),6:F2} {trim.Max(t => t.PeakKb) / 1024.0,7:F0}MB");
        }
        return 0;
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

    public static int RunChild(string[] args)
    {
        ModelTrimmer.Trim(args[0], args[1], args[2]);
        // The child's own peak resident set, in KB, for the parent to read.
        Console.WriteLine(VocabTrim.Validation.PeakMemory.Bytes() / 1024);
        return 0;
    }

    private static (double Seconds, long PeakKb) TrimInChild(string model, string keep, string output)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true };
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath!) == "dotnet")
            start.ArgumentList.Add(typeof(ModelTrimBenchmark).Assembly.Location);
        foreach (var a in new[] { ChildVerb, model, keep, output }) start.ArgumentList.Add(a);
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var text = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        var seconds = clock.Elapsed.TotalSeconds;
        if (process.ExitCode != 0) throw new InvalidOperationException($"trim failed: {text}");
        return (seconds, long.Parse(text.Trim().Split('\n')[^1]));
    }

    private static double Time(string tool, string from, string to, bool shell = false)
    {
        var start = shell
            ? new ProcessStartInfo("sh", ["-c", $"{tool} '{from}' > '{to}'"])
            : new ProcessStartInfo(tool, [from, to]);
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        process.WaitForExit();
        return clock.Elapsed.TotalSeconds;
    }
}
