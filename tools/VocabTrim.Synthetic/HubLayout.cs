using VocabTrim.Checkpoints;
using VocabTrim.Checkpoints.Sharding;

namespace VocabTrim.Synthetic;

/// <summary>
/// How a checkpoint is laid out on the hub: file format, storage dtype, shards, BLOOM's BigScience names, and
/// tied weights stored once under several names (pickles only, as older transformers saved them).
/// </summary>
/// <param name="Dtype">Floating-point tensors are written in this dtype (null: as the sources give them).</param>
/// <param name="Shards">
/// Exactly this many shards of about equal size (see <see cref="MaxShardBytes"/> otherwise).
/// </param>
/// <param name="MaxShardBytes">Shard as save_pretrained does at this size, when <see cref="Shards"/> is null.</param>
/// <param name="BareBloomNames">
/// BLOOM tensors without the <c>transformer.</c> prefix, as the BigScience files name them.
/// </param>
/// <param name="TiedAliases">
/// Pickles: mT5's <c>encoder.embed_tokens.weight</c> and <c>decoder.embed_tokens.weight</c> as views of
/// <c>shared.weight</c>; BLOOM's <c>lm_head.weight</c> as a view of the word embeddings.
/// </param>
public sealed record HubLayout(
    CheckpointFormat Format,
    Dtype? Dtype = null,
    int? Shards = null,
    long MaxShardBytes = ShardedSafetensorsWriter.DefaultMaxShardBytes,
    bool BareBloomNames = false,
    bool TiedAliases = false)
{
    /// <summary>mt0-xl as issue 15 measured it: F32, one model.safetensors (15 GB).</summary>
    public static HubLayout Mt0Xl { get; } = new(CheckpointFormat.Safetensors, Checkpoints.Dtype.F32, Shards: 1);

    /// <summary>
    /// mt0-xxl's hub layout (five pytorch_model-0000K-of-00005.bin with tied embed_tokens), in BF16 to fit the disk.
    /// </summary>
    public static HubLayout Mt0Xxl { get; } = new(CheckpointFormat.PyTorchPickle, Checkpoints.Dtype.BF16, Shards: 5,
        TiedAliases: true);

    /// <summary>bloomz-7b1: F16 pytorch_model .bin shards with BigScience names and no lm_head (tied).</summary>
    public static HubLayout Bloomz7b1 { get; } = new(CheckpointFormat.PyTorchPickle, Checkpoints.Dtype.F16, Shards: 2,
        BareBloomNames: true);

    /// <summary>bloomz-176B style: BF16 safetensors shards with an index (4 for the 3-layer slice).</summary>
    public static HubLayout Bloomz176bSlice { get; } = new(CheckpointFormat.Safetensors, Checkpoints.Dtype.BF16,
        Shards: 4, BareBloomNames: true);

    /// <summary>
    /// Writes <paramref name="tensors"/> (a transformers state dict, in order) into <paramref name="folder"/> in this
    /// layout.
    /// </summary>
    public WrittenCheckpoint Write(string folder, IEnumerable<ITensorSource> tensors)
    {
        var sources = tensors.Select(Renamed).Select(Converted).ToList();
        var aliases = TiedAliases
            ? AliasesOf(sources.Select(s => s.Info.Name).ToHashSet(StringComparer.Ordinal)) : null;
        if (aliases != null && Format != CheckpointFormat.PyTorchPickle)
            throw new ArgumentException("tied aliases exist only in pickles", nameof(TiedAliases));
        return Shards is { } count
            ? ShardedCheckpointWriter.WriteInShards(folder, sources, Format, count, aliases)
            : ShardedCheckpointWriter.Write(folder, sources, Format, MaxShardBytes, aliases);
    }

    private ITensorSource Renamed(ITensorSource source) =>
        BareBloomNames && source.Info.Name.StartsWith("transformer.", StringComparison.Ordinal)
            ? new RenamedTensorSource(source, source.Info.Name["transformer.".Length..])
            : source;

    private ITensorSource Converted(ITensorSource source) =>
        Dtype is { } dtype && source.Info.Dtype != dtype && FloatConversion.IsFloatingPoint(source.Info.Dtype)
            ? new ConvertedTensorSource(source, dtype)
            : source;

    private static Dictionary<string, string> AliasesOf(HashSet<string> names)
    {
        var aliases = new Dictionary<string, string>(StringComparer.Ordinal);
        if (names.Contains("shared.weight"))
        {
            aliases["encoder.embed_tokens.weight"] = "shared.weight";
            aliases["decoder.embed_tokens.weight"] = "shared.weight";
        }
        foreach (var embedding in new[] { "transformer.word_embeddings.weight", "word_embeddings.weight" })
            if (names.Contains(embedding) && !names.Contains("lm_head.weight")) aliases["lm_head.weight"] = embedding;
        return aliases;
    }

    private sealed class RenamedTensorSource(ITensorSource inner, string name) : ITensorSource
    {
        public TensorInfo Info { get; } = inner.Info with { Name = name };

        public void WriteTo(Stream destination) => inner.WriteTo(destination);
    }
}
