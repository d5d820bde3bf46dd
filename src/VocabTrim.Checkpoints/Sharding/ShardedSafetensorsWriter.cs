namespace VocabTrim.Checkpoints.Sharding;

/// <summary>
/// Writes a model's weights into a folder as <c>save_pretrained</c> does: <c>model.safetensors</c> if they fit
/// in one shard, otherwise <c>model-00001-of-0000N.safetensors</c>... plus <c>model.safetensors.index.json</c>
/// (see <see cref="ShardedCheckpointWriter"/>, which writes pickles too).
/// </summary>
public static class ShardedSafetensorsWriter
{
    public const string SingleFileName = "model.safetensors";

    public const string IndexFileName = "model.safetensors.index.json";

    /// <summary>The <c>transformers</c> default, <c>max_shard_size="5GB"</c>: decimal gigabytes.</summary>
    public const long DefaultMaxShardBytes = 5_000_000_000;

    /// <summary>
    /// Writes <paramref name="tensors"/> (in state-dict order, which decides the sharding) into
    /// <paramref name="folder"/>. Weight files of an earlier write that the new layout does not use are deleted
    /// afterwards, since a loader would otherwise prefer a stale <c>model.safetensors</c> over a new index.
    /// </summary>
    /// <param name="folderIsStaged">
    /// The caller stages <paramref name="folder"/> as a whole, so each file is written under its name
    /// (<see cref="WeightFile"/>).
    /// </param>
    public static WrittenCheckpoint Write(string folder, IEnumerable<ITensorSource> tensors,
        long maxShardBytes = DefaultMaxShardBytes, bool folderIsStaged = false) =>
        ShardedCheckpointWriter.Write(folder, tensors, CheckpointFormat.Safetensors, maxShardBytes,
            folderIsStaged: folderIsStaged);
}
