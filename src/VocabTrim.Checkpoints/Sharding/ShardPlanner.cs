namespace VocabTrim.Checkpoints.Sharding;

/// <summary>
/// Splits tensors into shards exactly as Hugging Face's <c>split_state_dict_into_shards_factory</c> does, so
/// a trimmed model is laid out like one <c>save_pretrained</c> would write: tensors stay in the given order;
/// a shard is closed when the next tensor would push it past the maximum; a tensor larger than the maximum
/// gets a shard of its own, which is emitted at once (ahead of the shard still being filled).
/// </summary>
internal static class ShardPlanner
{
    public static List<List<TensorInfo>> Plan(IEnumerable<TensorInfo> tensors, long maxShardBytes)
    {
        if (maxShardBytes <= 0)
            throw new ArgumentOutOfRangeException(nameof(maxShardBytes), "the maximum shard size must be positive");
        var shards = new List<List<TensorInfo>>();
        var current = new List<TensorInfo>();
        long currentBytes = 0;
        foreach (var tensor in tensors)
        {
            var size = tensor.ByteLength;
            if (size > maxShardBytes)
            {
                shards.Add([tensor]);
                continue;
            }
            if (currentBytes + size > maxShardBytes)
            {
                shards.Add(current);
                current = [];
                currentBytes = 0;
            }
            current.Add(tensor);
            currentBytes += size;
        }
        if (current.Count > 0) shards.Add(current);
        return shards;
    }
}
