using System.Collections.ObjectModel;
using VocabTrim.Checkpoints.Pickle;
using VocabTrim.Checkpoints.Safetensors;

namespace VocabTrim.Checkpoints.Sharding;

/// <summary>
/// A checkpoint split over several files and tied together by an index (<see cref="ShardIndex"/>). Every shard
/// must hold exactly the tensors the index assigns to it: an index that disagrees with its shards is refused.
/// </summary>
public sealed class ShardedCheckpoint : ICheckpoint
{
    private readonly Dictionary<string, ICheckpoint> _shardOf;

    public string Location { get; }

    public CheckpointFormat Format { get; }

    public ShardIndex Index { get; }

    /// <summary>The shard files, opened, in file-name order.</summary>
    public IReadOnlyList<ICheckpoint> Shards { get; }

    public IReadOnlyDictionary<string, TensorInfo> Tensors { get; }

    public IReadOnlyList<IReadOnlyList<string>> SharedTensors { get; }

    private ShardedCheckpoint(string location, ShardIndex index, List<ICheckpoint> shards)
    {
        Location = location;
        Index = index;
        Shards = shards;
        var formats = shards.Select(s => s.Format).Distinct().ToList();
        if (formats.Count != 1)
            throw new CheckpointFormatException(location, "the index mixes safetensors and pickle shards");
        Format = formats[0];
        _shardOf = new Dictionary<string, ICheckpoint>(StringComparer.Ordinal);
        var tensors = new OrderedDictionary<string, TensorInfo>(StringComparer.Ordinal);
        foreach (var shard in shards)
        {
            var file = Path.GetFileName(shard.Location);
            foreach (var (name, info) in shard.Tensors)
            {
                if (!index.WeightMap.TryGetValue(name, out var listed))
                    throw new CheckpointFormatException(location,
                        $"shard '{file}' holds it but weight_map does not list it", name);
                if (listed != file)
                    throw new CheckpointFormatException(location,
                        $"shard '{file}' holds it but weight_map puts it in '{listed}'", name);
                tensors.Add(name, info);
                _shardOf.Add(name, shard);
            }
        }
        foreach (var (name, file) in index.WeightMap)
            if (!tensors.ContainsKey(name))
                throw new CheckpointFormatException(location, $"weight_map puts it in '{file}', which does not hold it",
                    name);
        Tensors = new ReadOnlyDictionary<string, TensorInfo>(tensors);
        SharedTensors = shards.SelectMany(s => s.SharedTensors).ToList();
    }

    /// <summary>
    /// Opens the index and every shard it names (safetensors shards by their extension, pickles otherwise).
    /// </summary>
    public static ShardedCheckpoint Open(string indexPath)
    {
        var full = Path.GetFullPath(indexPath);
        var index = ShardIndex.Read(full);
        var folder = Path.GetDirectoryName(full)!;
        if (index.WeightMap.Count == 0)
            throw new CheckpointFormatException(full, "weight_map lists no tensors");
        var shards = new List<ICheckpoint>();
        try
        {
            foreach (var file in index.ShardFiles)
            {
                var path = Path.Combine(folder, file);
                if (!File.Exists(path))
                    throw new CheckpointFormatException(full, $"the shard '{file}' it names does not exist");
                shards.Add(file.EndsWith(".safetensors", StringComparison.Ordinal)
                    ? SafetensorsReader.Open(path)
                    : PickleCheckpointReader.Open(path));
            }
            return new ShardedCheckpoint(full, index, shards);
        }
        catch
        {
            foreach (var shard in shards) shard.Dispose();
            throw;
        }
    }

    public void ReadBytes(string name, long offset, Span<byte> destination)
    {
        if (!_shardOf.TryGetValue(name, out var shard))
            throw new CheckpointFormatException(Location, $"there is no tensor '{name}'");
        shard.ReadBytes(name, offset, destination);
    }

    public void Dispose()
    {
        foreach (var shard in Shards) shard.Dispose();
    }
}
