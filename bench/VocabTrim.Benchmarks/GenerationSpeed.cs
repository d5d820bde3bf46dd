using System.Diagnostics;
using VocabTrim.Inference;
using VocabTrim.Inference.Generation;

namespace VocabTrim.Benchmarks;

/// <summary>
/// A quick stopwatch run of one <see cref="GenerationBenchmark"/> case in this process, for iterating on speed
/// without BenchmarkDotNet's statistics: <c>generate-quick VOCAB BATCH [REPEATS]</c>.
/// </summary>
internal static class GenerationSpeed
{
    public static void Run(int vocab, int batch, int repeats)
    {
        var load = Stopwatch.StartNew();
        using var model = GenerationBenchmark.Load(vocab);
        Time(model, $"vocab {vocab} batch {batch}", batch, vocab, repeats, load);
    }

    /// <summary>
    /// Warms <paramref name="model"/> up with one generation (32 prompt tokens, 32 new), then times
    /// <paramref name="repeats"/> more and prints tok/s (median and best) and the peak RSS.
    /// </summary>
    public static void Time(ILanguageModel model, string label, int batch, int vocab, int repeats, Stopwatch load)
    {
        var prompts = GenerationBenchmark.Prompts(batch, vocab);
        var generator = new GreedyGenerator(model);
        var options = new GenerationOptions(GenerationBenchmark.NewTokens, StopAtEos: false);
        generator.Generate(prompts, options);
        Console.WriteLine($"{label}: loaded and warmed up in {load.Elapsed.TotalSeconds:F1} s");
        var rates = new List<double>();
        for (var i = 0; i < repeats; i++)
        {
            var watch = Stopwatch.StartNew();
            generator.Generate(prompts, options);
            rates.Add(batch * GenerationBenchmark.NewTokens / watch.Elapsed.TotalSeconds);
        }
        Console.WriteLine(
            $"{label}: tok/s {GenerationProfile.Stat(rates)} over {repeats}; peak RSS "
            + $"{GenerationBenchmark.PeakRssMegabytes()} MB");
    }
}
