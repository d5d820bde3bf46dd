using System.Diagnostics;
using TorchSharp;
using VocabTrim.Inference.Generation;
using static TorchSharp.torch;

namespace VocabTrim.Benchmarks;

/// <summary>
/// Where a greedy generation's time goes at mt0-small shapes: encoder, decoding steps (fused, and through
/// libtorch ops for comparison), the LM head product alone, and the machine's streaming bandwidth, each as
/// the median of several rounds (the machine is shared, so single runs mislead):
/// <c>generate-profile VOCAB BATCH [ROUNDS]</c>.
/// </summary>
internal static class GenerationProfile
{
    public static void Run(int vocab, int batch, int rounds)
    {
        using var model = GenerationBenchmark.Load(vocab);
        var prompts = GenerationBenchmark.Prompts(batch, vocab);
        var generator = new GreedyGenerator(model);
        var options = new GenerationOptions(GenerationBenchmark.NewTokens, StopAtEos: false);
        generator.Generate(prompts, options);

        var wall = new List<double>();
        var cpu = new List<double>();
        var encode = new List<double>();
        var encoderOnly = new List<double>();
        var step = new List<double>();
        var head = new List<double>();
        var bandwidth = new List<double>();
        var plainStep = new List<double>();

        using var weight = randn(model.Config.DModel, vocab);           // [d_model, vocab], as the head keeps it
        using var row = randn(batch, model.Config.DModel);
        using var big = randn(vocab, model.Config.DModel);
        var process = Process.GetCurrentProcess();
        for (var r = 0; r < rounds; r++)
        {
            process.Refresh();
            var cpu0 = process.TotalProcessorTime;
            var watch = Stopwatch.StartNew();
            generator.Generate(prompts, options);
            wall.Add(watch.Elapsed.TotalSeconds);
            process.Refresh();
            cpu.Add((process.TotalProcessorTime - cpu0).TotalSeconds);

            using (var noGrad = inference_mode())
            {
                watch.Restart();
                using var state = model.Start(prompts, GenerationBenchmark.NewTokens);
                encode.Add(watch.Elapsed.TotalMilliseconds);
                using (var padded = PaddedBatch.Right(prompts, model.PadTokenId, model.Device))
                {
                    watch.Restart();
                    using var hidden = model.Encode(padded.Ids, padded.Mask);
                    using var memory = model.Remember(hidden, padded.Mask);
                    encoderOnly.Add(watch.Elapsed.TotalMilliseconds);
                }
                using var tokens = zeros(batch, ScalarType.Int64);
                watch.Restart();
                for (var i = 0; i < GenerationBenchmark.NewTokens - 1; i++) state.Append(tokens);
                step.Add(watch.Elapsed.TotalMilliseconds / (GenerationBenchmark.NewTokens - 1));

                using (var plain = model.StartThroughLibtorch(prompts, GenerationBenchmark.NewTokens))
                {
                    watch.Restart();
                    for (var i = 0; i < GenerationBenchmark.NewTokens - 1; i++) plain.Append(tokens);
                    plainStep.Add(watch.Elapsed.TotalMilliseconds / (GenerationBenchmark.NewTokens - 1));
                }

                watch.Restart();
                for (var i = 0; i < 10; i++) matmul(row, weight).Dispose();
                head.Add(watch.Elapsed.TotalMilliseconds / 10);
                watch.Restart();
                for (var i = 0; i < 10; i++) big.sum().Dispose();
                bandwidth.Add(big.NumberOfElements * 4 * 10 / watch.Elapsed.TotalSeconds / 1e9);
            }
        }
        var tokensPerRound = batch * GenerationBenchmark.NewTokens;
        Console.WriteLine($"vocab {vocab} batch {batch}, {rounds} rounds (median [min–max]):");
        Console.WriteLine($"  tok/s        {Stat(wall.Select(w => tokensPerRound / w))}");
        Console.WriteLine($"  CPU/wall     {Stat(cpu.Zip(wall, (c, w) => c / w))}");
        Console.WriteLine($"  start ms     {Stat(encode)}  (encoder, cross keys/values, first step)");
        Console.WriteLine($"  encoder ms   {Stat(encoderOnly)}  (encoder and cross keys/values alone)");
        Console.WriteLine($"  step ms      {Stat(step)}  (one decoding step incl. LM head)");
        Console.WriteLine(
            $"  libtorch ms  {Stat(plainStep)}  (the same step through libtorch ops instead of the fused step)");
        Console.WriteLine(
            $"  head ms      {Stat(head)}  (matmul [{batch},{model.Config.DModel}]x[{model.Config.DModel}"
            + $",{vocab}] alone)");
        Console.WriteLine($"  stream GB/s  {Stat(bandwidth)}  (sum over {big.NumberOfElements * 4 >> 20} MB)");
        Console.WriteLine($"  peak RSS MB  {GenerationBenchmark.PeakRssMegabytes()}");
    }

    /// <summary>"median [min–max]" of a benchmark's repeated measurements.</summary>
    internal static string Stat(IEnumerable<double> values)
    {
        var sorted = values.OrderBy(v => v).ToArray();
        var median = sorted.Length % 2 == 1
            ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
        return $"{median,8:F2} [{sorted[0]:F2}–{sorted[^1]:F2}]";
    }
}
