using VocabTrim.Checkpoints.Pickle;
using VocabTrim.Checkpoints.Safetensors;
using VocabTrim.Checkpoints.Sharding;

namespace VocabTrim.Checkpoints;

/// <summary>Opens a Hugging Face model's weights, whichever of the four layouts it was saved in.</summary>
public static class Checkpoint
{
    /// <summary>The weight files looked for in a model folder, in the order transformers prefers them.</summary>
    public static IReadOnlyList<string> WeightFileNames { get; } =
    [
        "model.safetensors",
        "model.safetensors.index.json",
        "pytorch_model.bin",
        "pytorch_model.bin.index.json",
    ];

    /// <summary>
    /// Opens a model folder (by <see cref="WeightFileNames"/>), or one weight file or index directly
    /// (an index by its <c>.index.json</c> suffix, a safetensors file by its extension, a pickle otherwise).
    /// </summary>
    public static ICheckpoint Open(string path)
    {
        var full = Path.GetFullPath(path);
        if (Directory.Exists(full))
        {
            foreach (var name in WeightFileNames)
            {
                var candidate = Path.Combine(full, name);
                if (File.Exists(candidate)) return OpenFile(candidate);
            }
            throw new CheckpointFormatException(full,
                $"no model weights here: looked for {string.Join(", ", WeightFileNames)}");
        }
        if (!File.Exists(full)) throw new CheckpointFormatException(full, "no such file or folder");
        return OpenFile(full);
    }

    /// <summary>
    /// The files a checkpoint is stored in: its one weight file, or its index and the shards the index names.
    /// Other weight files in the same folder (a pickle beside the safetensors) are not part of it.
    /// </summary>
    public static IReadOnlyList<string> FilesOf(ICheckpoint checkpoint)
    {
        var location = checkpoint.Location;
        if (!location.EndsWith(".index.json", StringComparison.Ordinal)) return [location];
        var folder = Path.GetDirectoryName(location)!;
        return [location, .. Sharding.ShardIndex.Read(location).ShardFiles.Select(f => Path.Combine(folder, f))];
    }

    private static ICheckpoint OpenFile(string path)
    {
        if (path.EndsWith(".index.json", StringComparison.Ordinal)) return ShardedCheckpoint.Open(path);
        if (path.EndsWith(".safetensors", StringComparison.Ordinal)) return SafetensorsReader.Open(path);
        return PickleCheckpointReader.Open(path);
    }
}
