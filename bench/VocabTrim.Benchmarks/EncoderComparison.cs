using System.Diagnostics;
using VocabTrim.Inference.Generation;
using static TorchSharp.torch;

namespace VocabTrim.Benchmarks;

/// <summary>
/// The encoder alone at mt0-small shapes, fused (<c>Mt5CpuEncoder</c>) against the libtorch ops, timed in
/// alternating rounds so that the shared machine's swings fall on both; also the largest difference between
/// their outputs. <c>encoder VOCAB BATCH [ROUNDS]</c>.
/// </summary>
internal static class EncoderComparison
{
    public static void Run(int vocab, int batch, int rounds)
    {
        using var model = GenerationBenchmark.Load(vocab);
        using var noGrad = inference_mode();
        using var padded = PaddedBatch.Right(GenerationBenchmark.Prompts(batch, vocab), model.PadTokenId, model.Device);
        double Time(bool fused, int repeats = 10)
        {
            var watch = Stopwatch.StartNew();
            for (var i = 0; i < repeats; i++) model.Encode(padded.Ids, padded.Mask, null, fused).Dispose();
            return watch.Elapsed.TotalMilliseconds / repeats;
        }
        using (var fused = model.Encode(padded.Ids, padded.Mask, null, fused: true))
        using (var plain = model.Encode(padded.Ids, padded.Mask, null, fused: false))
            Console.WriteLine(
                $"batch {batch} × {padded.Ids.shape[1]} tokens: max |Δ| {(fused - plain).abs().max().item<float>():E2} "
                + $"(outputs up to {plain.abs().max().item<float>():F2})");
        var fusedTimes = new List<double>();
        var plainTimes = new List<double>();
        for (var r = 0; r < rounds; r++)
        {
            fusedTimes.Add(Time(fused: true));
            plainTimes.Add(Time(fused: false));
        }
        Console.WriteLine($"  fused     {GenerationProfile.Stat(fusedTimes)} ms");
        Console.WriteLine($"  libtorch  {GenerationProfile.Stat(plainTimes)} ms");
    }
}
