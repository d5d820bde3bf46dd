using System.Diagnostics;
using System.Globalization;
using VocabTrim.Adaptation;
using VocabTrim.Counting;
using VocabTrim.Recipes;

namespace VocabTrim.Benchmarks;

/// <summary>
/// Issue 7's speed target (not a timed test): <c>adapt</c> on 1M sentences per language (the shared samples repeated)
/// with a synthetic checkpoint of mt0-small's real shapes (250,112 rows) and a 250,100-piece mT5-sized SentencePiece
/// model, counts not cached, validation at the recipe defaults. Target: ≤ 60 s wall on 2 cores. The run is a child
/// process so its peak RSS is its own; the time of each stage comes from the run itself.
/// </summary>
internal static class AdaptBenchmark
{
    public const string ChildVerb = "adapt-child";
    private const int SentencesPerLanguage = 1_000_000;

    public static int Run(string[] args)
    {
        var work = Path.GetFullPath(args.Length > 0
            ? args[0] : Path.Combine(Path.GetTempPath(), "vocabtrim-adapt-bench"));
        var (model, english, german) = Prepare(work);
        var output = Path.Combine(work, "out");
        if (Directory.Exists(output)) Directory.Delete(output, recursive: true);
        var counts = Path.Combine(work, "counts-cache");
        if (Directory.Exists(counts)) Directory.Delete(counts, recursive: true);

        var start = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true };
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath!) == "dotnet")
            start.ArgumentList.Add(typeof(AdaptBenchmark).Assembly.Location);
        foreach (var a in new[] { ChildVerb, model, english, german, output, counts }) start.ArgumentList.Add(a);
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var text = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Console.Write(text);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"wall time of the whole process (start-up included): {clock.Elapsed.TotalSeconds:F1} s (target ≤ 60 s)"));
        return process.ExitCode;
    }

    public static async Task<int> RunChild(string[] args)
    {
        var (model, english, german, output, counts) = (args[0], args[1], args[2], args[3], args[4]);
        var recipe = Recipe.FromOverrides(new RecipeOverrides
        {
            Model = model,
            Languages = LanguageTop.ParseList("en:15000,de:30000"),
            Corpora = [LanguageCorpus.Parse($"en={english}"), LanguageCorpus.Parse($"de={german}")],
            Overall = 2000,
        });
        var clock = Stopwatch.StartNew();
        var result = await Adaptation.Adaptation.RunAsync(recipe,
            new AdaptationSettings(output, CountsCache: new CountsCache(counts)), Path.GetDirectoryName(counts)!);
        var seconds = clock.Elapsed.TotalSeconds;
        Console.WriteLine($"{"stage",-16} {"seconds",8}");
        foreach (var stage in result.Stages)
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{stage.Stage,-16} {stage.Seconds,8:F2}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{"adapt (library)",-16} {seconds,8:F2}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"kept {result.Selection.Totals.Kept:N0} of {result.Selection.Totals.TokenizerPieces:N0} pieces; "
            + $"parameters {result.Trim.ParametersBefore:N0} → {result.Trim.ParametersAfter:N0}; validation "
            + $"{(result.Passed ? "passed" : "FAILED")}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"peak RSS {VocabTrim.Validation.PeakMemory.Bytes() / 1048576.0:F0} MB"));
        return result.Passed ? 0 : 2;
    }

    /// <summary>The inputs, made once and reused: model folder and the two 1M-sentence Leipzig files.</summary>
    private static (string Model, string English, string German) Prepare(string work)
    {
        Directory.CreateDirectory(work);
        var model = Path.Combine(work, "mt0-small-shaped");
        if (!File.Exists(Path.Combine(model, "spiece.model")))
        {
            Console.WriteLine(
                $"writing the synthetic mt0-small-shaped checkpoint and 250,100-piece tokenizer to {model}");
            BenchmarkData.WriteMt0SmallShapedCheckpoint(model);
            BenchmarkData.WriteMt5SizedSentencePiece(Path.Combine(model, "spiece.model"));
        }
        return (model, Corpus(work, "eng"), Corpus(work, "deu"));
    }

    private static string Corpus(string work, string iso3)
    {
        var path = Path.Combine(work, $"{iso3}_news_bench_1M-sentences.txt");
        if (File.Exists(path)) return path;
        var sentences = File.ReadLines(BenchmarkData.File("corpora", "leipzig", $"{iso3}_news_2020_10K-sentences.txt"))
            .Select(l => l[(l.IndexOf('\t') + 1)..]).ToList();
        using (var writer = new StreamWriter(path + ".tmp"))
            for (var i = 0; i < SentencesPerLanguage; i++) writer.Write($"{i + 1}\t{sentences[i % sentences.Count]}\n");
        File.Move(path + ".tmp", path);
        return path;
    }
}
