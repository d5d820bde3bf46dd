using System.Text.Json;
using VocabTrim.Checkpoints;
using VocabTrim.Checkpoints.Safetensors;

namespace VocabTrim.Inference.Tests.Support;

/// <summary>
/// Writes model folders for configurations the shared fixtures do not cover: a config.json plus safetensors.
/// </summary>
public static class SyntheticModel
{
    /// <summary>
    /// Writes <paramref name="config"/> and float32 tensors (name → shape, values from <paramref name="fill"/>).
    /// </summary>
    public static void Write(string folder, object config, IEnumerable<(string Name, long[] Shape)> tensors,
        Func<string, int, float> fill)
    {
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "config.json"), JsonSerializer.Serialize(config));
        var sources = tensors.Select(t =>
        {
            var count = (int)t.Shape.Aggregate(1L, (a, b) => a * b);
            var values = new float[count];
            for (var i = 0; i < count; i++) values[i] = fill(t.Name, i);
            var bytes = new byte[count * 4];
            Buffer.BlockCopy(values, 0, bytes, 0, bytes.Length);
            return (ITensorSource)new BytesTensorSource(new TensorInfo(t.Name, Dtype.F32, new TensorShape(t.Shape)),
                bytes);
        }).ToList();
        SafetensorsWriter.Write(Path.Combine(folder, "model.safetensors"), sources);
    }

    /// <summary>
    /// Copies a checkpoint's tensors, renamed or replaced as <paramref name="edit"/> says (null drops a tensor).
    /// </summary>
    public static void Rewrite(string folder, string sourceFolder, object config,
        Func<ICheckpoint, string, ITensorSource?> edit)
    {
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "config.json"), JsonSerializer.Serialize(config));
        using var source = Checkpoint.Open(sourceFolder);
        var tensors = source.Tensors.Keys.Select(n => edit(source, n)).OfType<ITensorSource>().ToList();
        SafetensorsWriter.Write(Path.Combine(folder, "model.safetensors"), tensors);
    }

    /// <summary>Deterministic pseudo-random values in [-scale, scale) from a name and an index.</summary>
    public static float Noise(string name, int index, float scale)
    {
        var h = 2166136261u; // FNV-1a of the name: stable across processes, unlike string.GetHashCode
        foreach (var ch in name) h = (h ^ ch) * 16777619u;
        var x = (uint)index * 2654435761u + h * 40503u + 12345u;
        x ^= x >> 15; x *= 2246822519u; x ^= x >> 13; x *= 3266489917u; x ^= x >> 16;
        return (x / (float)uint.MaxValue * 2 - 1) * scale;
    }
}
