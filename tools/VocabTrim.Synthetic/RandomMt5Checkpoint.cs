using VocabTrim.Checkpoints;
using VocabTrim.Checkpoints.Sharding;

namespace VocabTrim.Synthetic;

/// <summary>
/// Writes random mT5 weights (F32) into a model folder: <c>model.safetensors</c>, sharded above 5 GB as transformers
/// does.
/// </summary>
public static class RandomMt5Checkpoint
{
    public static WrittenCheckpoint Write(string folder, Mt5Architecture architecture, ulong seed,
        WeightFill fill = WeightFill.HuggingFaceInit) =>
        ShardedSafetensorsWriter.Write(folder, Sources(architecture, seed, fill));

    public static IReadOnlyList<ITensorSource> Sources(Mt5Architecture architecture, ulong seed, WeightFill fill) =>
        [.. Mt5Tensors.Plan(architecture).Select(t =>
            new RandomTensorSource(t.Name, t.Shape, fill == WeightFill.FastUniform ? t.Init.AsUniform() : t.Init,
                seed))];

    /// <summary>Parameters of the checkpoint (every tensor once; mT5 unties lm_head, so both matrices count).</summary>
    public static long Parameters(Mt5Architecture architecture) =>
        Mt5Tensors.Plan(architecture).Sum(t => t.Shape.Aggregate(1L, (a, b) => a * b));
}
