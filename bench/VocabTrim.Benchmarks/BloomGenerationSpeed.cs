using System.Diagnostics;
using System.Text.Json;
using TorchSharp;
using VocabTrim.Inference;
using VocabTrim.Inference.Bloom;
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
        GenerationBenchmark.SetThreads();
        var config = BloomConfig.From(ModelConfigJson.Parse(JsonSerializer.Serialize(Bloomz560mShapes.Config(vocab)),
            "bloomz-560m shapes"));
        using var checkpoint = new RandomCheckpoint(Bloomz560mShapes.Tensors(vocab), scale: 0.02f);
        using var model = BloomModel.Load(config, new WeightLoader(checkpoint, torch.CPU, torch.ScalarType.Float32));
        GenerationSpeed.Time(model, $"bloom vocab {vocab} batch {batch}", batch, vocab, repeats, load);
    }
}
