using System.Text.RegularExpressions;
using VocabTrim.Checkpoints.Safetensors;

namespace VocabTrim.Checkpoints.Sharding;

/// <summary>
/// Writes a model's weights into a folder as <c>save_pretrained</c> does: <c>model.safetensors</c> if they fit
/// in one shard, otherwise <c>model-00001-of-0000N.safetensors</c>... plus <c>model.safetensors.index.json</c>.
/// </summary>
public static partial class ShardedSafetensorsWriter
{
    public const string SingleFileName = "model.safetensors";

    public const string IndexFileName = "model.safetensors.index.json";

    /// <summary>The <c>transformers</c> default, <c>max_shard_size="5GB"</c>: decimal gigabytes.</summary>
    public const long DefaultMaxShardBytes = 5_000_000_000;

    /// <summary>
    /// Writes <paramref name="tensors"/> (in state-dict order, which decides the sharding) into <paramref name="folder"/>.
    /// Weight files of an earlier write that the new layout does not use are deleted afterwards, since a loader
    /// would otherwise prefer a stale <c>model.safetensors</c> over a new index.
    /// </summary>
    public static WrittenCheckpoint Write(string folder, IEnumerable<ITensorSource> tensors, long maxShardBytes = DefaultMaxShardBytes)
    {
        var sources = tensors.ToList();
        var byName = new Dictionary<string, ITensorSource>(StringComparer.Ordinal);
        foreach (var source in sources)
            if (!byName.TryAdd(source.Info.Name, source))
                throw new ArgumentException($"tensor '{source.Info.Name}' is given twice", nameof(tensors));
        Directory.CreateDirectory(folder);
        var plan = ShardPlanner.Plan(sources.Select(s => s.Info), maxShardBytes);
        var totalSize = sources.Sum(s => s.Info.ByteLength);

        if (plan.Count <= 1)
        {
            var path = Path.GetFullPath(Path.Combine(folder, SingleFileName));
            SafetensorsWriter.Write(path, sources);
            RemoveStale(folder, keep: [SingleFileName]);
            return new WrittenCheckpoint([path], null, totalSize);
        }

        var files = new List<string>();
        var weightMap = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < plan.Count; i++)
        {
            var name = $"model-{i + 1:D5}-of-{plan.Count:D5}.safetensors";
            var path = Path.GetFullPath(Path.Combine(folder, name));
            SafetensorsWriter.Write(path, plan[i].Select(t => byName[t.Name]));
            foreach (var tensor in plan[i]) weightMap[tensor.Name] = name;
            files.Add(path);
        }
        // The index goes last: until it exists, nothing points at a half-written set of shards.
        var indexPath = Path.GetFullPath(Path.Combine(folder, IndexFileName));
        new ShardIndex(totalSize, weightMap).Write(indexPath);
        RemoveStale(folder, keep: [.. files.Select(Path.GetFileName)!, IndexFileName]);
        return new WrittenCheckpoint(files, indexPath, totalSize);
    }

    private static void RemoveStale(string folder, IReadOnlyCollection<string?> keep)
    {
        foreach (var path in Directory.EnumerateFiles(folder))
        {
            var name = Path.GetFileName(path);
            var ours = name is SingleFileName or IndexFileName || ShardName().IsMatch(name);
            if (ours && !keep.Contains(name)) File.Delete(path);
        }
    }

    [GeneratedRegex(@"^model-\d{5}-of-\d{5}\.safetensors$")]
    private static partial Regex ShardName();
}
