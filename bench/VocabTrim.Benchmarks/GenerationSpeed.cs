using System.Diagnostics;

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
        var prompts = GenerationBenchmark.Prompts(batch, vocab);
        var generator = new VocabTrim.Inference.Generation.GreedyGenerator(model);
        var options = new VocabTrim.Inference.Generation.GenerationOptions(GenerationBenchmark.NewTokens, StopAtEos: false);
        generator.Generate(prompts, options);
        Console.WriteLine($"vocab {vocab} batch {batch}: loaded and warmed up in {load.Elapsed.TotalSeconds:F1} s");
        var times = new List<double>();
        for (var i = 0; i < repeats; i++)
        {
            var watch = Stopwatch.StartNew();
            generator.Generate(prompts, options);
            times.Add(watch.Elapsed.TotalSeconds);
        }
        var best = times.Min();
        var mean = times.Average();
        Console.WriteLine($"vocab {vocab} batch {batch}: {batch * GenerationBenchmark.NewTokens / mean:F1} tok/s mean, " +
            $"{batch * GenerationBenchmark.NewTokens / best:F1} tok/s best of {repeats}; peak RSS {GenerationBenchmark.PeakRssMegabytes()} MB");
    }
}
