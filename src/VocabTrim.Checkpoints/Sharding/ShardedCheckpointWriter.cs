using System.Text.RegularExpressions;
using VocabTrim.Checkpoints.Pickle;
using VocabTrim.Checkpoints.Safetensors;

namespace VocabTrim.Checkpoints.Sharding;

/// <summary>
/// Writes a model's weights into a folder in either of the hub's formats, as <c>save_pretrained</c> lays them
/// out: one file (<c>model.safetensors</c>, <c>pytorch_model.bin</c>) when they fit in one shard, otherwise
/// <c>model-00001-of-0000N.safetensors</c> / <c>pytorch_model-00001-of-0000N.bin</c>... and the index
/// (<c>model.safetensors.index.json</c>, <c>pytorch_model.bin.index.json</c>), written last. Weight files of an
/// earlier write that the new layout does not use are deleted afterwards: a loader would prefer a stale single file.
/// </summary>
public static partial class ShardedCheckpointWriter
{
    /// <summary>Shards by size: <see cref="ShardPlanner"/>'s rule, transformers' own.</summary>
    /// <param name="folderIsStaged">
    /// The caller stages <paramref name="folder"/> as a whole: files are written under their names, not each through
    /// a temporary of its own (<see cref="WeightFile"/>).
    /// </param>
    public static WrittenCheckpoint Write(string folder, IEnumerable<ITensorSource> tensors, CheckpointFormat format,
        long maxShardBytes,
        IReadOnlyDictionary<string, string>? aliases = null, bool folderIsStaged = false)
    {
        var sources = Distinct(tensors);
        var byName = sources.ToDictionary(s => s.Info.Name, StringComparer.Ordinal);
        var plan = ShardPlanner.Plan(sources.Select(s => s.Info), maxShardBytes);
        return WriteShards(folder,
            [.. plan.Select(shard => (IReadOnlyList<ITensorSource>)[.. shard.Select(t => byName[t.Name])])],
            format, aliases, folderIsStaged);
    }

    /// <summary>
    /// Exactly <paramref name="shardCount"/> shards of about equal size, tensors kept in order (a shard closes once
    /// it reaches its share of the total): the layout of a hub checkpoint known by its shard count.
    /// </summary>
    public static WrittenCheckpoint WriteInShards(string folder, IEnumerable<ITensorSource> tensors,
        CheckpointFormat format, int shardCount,
        IReadOnlyDictionary<string, string>? aliases = null, bool folderIsStaged = false)
    {
        var sources = Distinct(tensors);
        if (shardCount < 1 || shardCount > sources.Count)
            throw new ArgumentOutOfRangeException(nameof(shardCount),
                $"{sources.Count} tensors cannot fill {shardCount} shards");
        var total = sources.Sum(s => s.Info.ByteLength);
        var shards = new List<IReadOnlyList<ITensorSource>>();
        var current = new List<ITensorSource>();
        long written = 0;
        for (var i = 0; i < sources.Count; i++)
        {
            current.Add(sources[i]);
            written += sources[i].Info.ByteLength;
            var left = sources.Count - i - 1;
            var shardsLeft = shardCount - shards.Count - 1;
            // Close at this shard's share of the bytes, but never leave fewer tensors than shards to fill.
            if (shardsLeft > 0
                && (left == shardsLeft || (double)written >= (double)total * (shards.Count + 1) / shardCount))
            {
                shards.Add(current);
                current = [];
            }
        }
        shards.Add(current);
        return WriteShards(folder, shards, format, aliases, folderIsStaged);
    }

    /// <param name="aliases">
    /// Pickles only: names viewing another tensor's storage, written into that tensor's shard.
    /// </param>
    public static WrittenCheckpoint WriteShards(string folder, IReadOnlyList<IReadOnlyList<ITensorSource>> shards,
        CheckpointFormat format,
        IReadOnlyDictionary<string, string>? aliases = null, bool folderIsStaged = false)
    {
        if (aliases is { Count: > 0 } && format != CheckpointFormat.PyTorchPickle)
            throw new ArgumentException("only pickles can store one tensor under several names", nameof(aliases));
        var names = Names.Of(format);
        Directory.CreateDirectory(folder);
        var totalSize = shards.Sum(s => s.Sum(t => t.Info.ByteLength));
        if (shards.Count <= 1)
        {
            var path = Path.GetFullPath(Path.Combine(folder, names.Single));
            WriteFile(path, shards.Count == 0 ? [] : shards[0], format, aliases, folderIsStaged);
            RemoveStale(folder, keep: [names.Single]);
            return new WrittenCheckpoint([path], null, totalSize);
        }
        var files = new List<string>();
        var weightMap = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < shards.Count; i++)
        {
            var name = names.Shard(i + 1, shards.Count);
            var path = Path.GetFullPath(Path.Combine(folder, name));
            var inShard = shards[i].Select(t => t.Info.Name).ToHashSet(StringComparer.Ordinal);
            var shardAliases = aliases?.Where(a => inShard.Contains(a.Value)).ToDictionary(StringComparer.Ordinal);
            WriteFile(path, shards[i], format, shardAliases, folderIsStaged);
            foreach (var tensor in inShard) weightMap[tensor] = name;
            foreach (var alias in shardAliases?.Keys ?? Enumerable.Empty<string>()) weightMap[alias] = name;
            files.Add(path);
        }
        // The index goes last: until it exists, nothing points at a half-written set of shards.
        var indexPath = Path.GetFullPath(Path.Combine(folder, names.Index));
        new ShardIndex(totalSize, weightMap).Write(indexPath, folderIsStaged);
        RemoveStale(folder, keep: [.. files.Select(Path.GetFileName), names.Index]);
        return new WrittenCheckpoint(files, indexPath, totalSize);
    }

    private static void WriteFile(string path, IReadOnlyList<ITensorSource> tensors, CheckpointFormat format,
        IReadOnlyDictionary<string, string>? aliases, bool folderIsStaged)
    {
        if (format == CheckpointFormat.Safetensors)
            SafetensorsWriter.Write(path, tensors, folderIsStaged: folderIsStaged);
        else TorchSaveWriter.Write(path, tensors, aliases, folderIsStaged);
    }

    private static List<ITensorSource> Distinct(IEnumerable<ITensorSource> tensors)
    {
        var sources = tensors.ToList();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var source in sources)
            if (!seen.Add(source.Info.Name))
                throw new ArgumentException($"tensor '{source.Info.Name}' is given twice", nameof(tensors));
        return sources;
    }

    private static void RemoveStale(string folder, IReadOnlyCollection<string?> keep)
    {
        foreach (var path in Directory.EnumerateFiles(folder))
        {
            var name = Path.GetFileName(path);
            var ours = Checkpoint.WeightFileNames.Contains(name) || SafetensorsShard().IsMatch(name)
                || PickleShard().IsMatch(name);
            if (ours && !keep.Contains(name)) File.Delete(path);
        }
    }

    private sealed record Names(string Single, string Index, string Stem, string Extension)
    {
        public static Names Of(CheckpointFormat format) => format == CheckpointFormat.Safetensors
            ? new("model.safetensors", "model.safetensors.index.json", "model", ".safetensors")
            : new("pytorch_model.bin", "pytorch_model.bin.index.json", "pytorch_model", ".bin");

        public string Shard(int number, int count) => $"{Stem}-{number:D5}-of-{count:D5}{Extension}";
    }

    [GeneratedRegex(@"^model-\d{5}-of-\d{5}\.safetensors$")]
    private static partial Regex SafetensorsShard();

    [GeneratedRegex(@"^pytorch_model-\d{5}-of-\d{5}\.bin$")]
    private static partial Regex PickleShard();
}
