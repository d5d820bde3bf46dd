using VocabTrim.Checkpoints;

namespace VocabTrim.Benchmarks;

/// <summary>
/// An in-memory stand-in for a checkpoint whose float32 tensors hold deterministic pseudo-random values
/// (norm gains near 1), so that the benchmarks load real shapes through the normal loader without a file.
/// </summary>
internal sealed class RandomCheckpoint(IReadOnlyDictionary<string, long[]> shapes, float scale) : ICheckpoint
{
    public string Location => "random weights";

    public CheckpointFormat Format => CheckpointFormat.Safetensors;

    public IReadOnlyDictionary<string, TensorInfo> Tensors { get; } =
        shapes.ToDictionary(p => p.Key, p => new TensorInfo(p.Key, Dtype.F32, new TensorShape(p.Value)));

    public IReadOnlyList<IReadOnlyList<string>> SharedTensors => [];

    public void ReadBytes(string name, long offset, Span<byte> destination)
    {
        var values = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(destination);
        // Norm gains (T5's layer_norm, BLOOM's *layernorm and ln_f weights) near 1, so activations keep their scale.
        var isNorm = name.Contains("layer_norm", StringComparison.Ordinal) ||
            ((name.Contains("layernorm", StringComparison.Ordinal) || name.StartsWith("ln_f", StringComparison.Ordinal))
                && name.EndsWith(".weight", StringComparison.Ordinal));
        var state = (ulong)(name.GetHashCode() | 1) * 0x9E3779B97F4A7C15UL + (ulong)offset;
        for (var i = 0; i < values.Length; i++)
        {
            state ^= state << 13; state ^= state >> 7; state ^= state << 17;
            var u = (state >> 40) / (float)(1UL << 24) * 2 - 1;     // [-1, 1)
            values[i] = isNorm ? 1 + 0.1f * u : scale * u;
        }
    }

    public void Dispose() { }
}
