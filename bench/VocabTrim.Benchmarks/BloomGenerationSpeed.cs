using System.Diagnostics;
using System.Text.Json;
using TorchSharp;
using VocabTrim.Inference;
using VocabTrim.Inference.Bloom;
using VocabTrim.Inference.Generation;
using VocabTrim.Inference.Weights;

namespace VocabTrim.Benchmarks;

/// <summary>
/// Greedy generation at bloomz-560m's shapes with random weights (BLOOM runs through libtorch ops, with the
/// few-row product for its decoding steps): 32 prompt tokens, 32 new tokens, 2 threads, CPU float32.
/// <c>generate-bloom VOCAB BATCH [REPEATS]</c>, e.g. 250880 for the full vocabulary.
/// </summary>
internal static class BloomGenerationSpeed
{
    public static void Run(int vocab, int batch, int repeats)
    {
        var load = Stopwatch.StartNew();
        torch.set_num_threads(int.TryParse(Environment.GetEnvironmentVariable("VOCABTRIM_BENCH_THREADS"), out var n) ? n : 2);
        var config = BloomConfig.From(ModelConfigJson.Parse(JsonSerializer.Serialize(Bloomz560mShapes.Config(vocab)), "bloomz-560m shapes"));
        using var checkpoint = new RandomCheckpoint(Bloomz560mShapes.Tensors(vocab), scale: 0.02f);
        using var model = BloomModel.Load(config, new WeightLoader(checkpoint, torch.CPU, torch.ScalarType.Float32));
        var prompts = GenerationBenchmark.Prompts(batch, vocab);
        var generator = new GreedyGenerator(model);
        var options = new GenerationOptions(GenerationBenchmark.NewTokens, StopAtEos: false);
        generator.Generate(prompts, options);
        Console.WriteLine($"bloom vocab {vocab} batch {batch}: loaded and warmed up in {load.Elapsed.TotalSeconds:F1} s");
        var times = new List<double>();
        for (var i = 0; i < repeats; i++)
        {
            var watch = Stopwatch.StartNew();
            generator.Generate(prompts, options);
            times.Add(watch.Elapsed.TotalSeconds);
        }
        times.Sort();
        var tokens = batch * GenerationBenchmark.NewTokens;
        Console.WriteLine($"bloom vocab {vocab} batch {batch}: {tokens / times[times.Count / 2]:F1} tok/s median, {tokens / times[0]:F1} best of {repeats}; " +
            $"peak RSS {GenerationBenchmark.PeakRssMegabytes()} MB");
    }
}
