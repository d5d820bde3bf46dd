using VocabTrim.Common;
using VocabTrim.Checkpoints;
using VocabTrim.Checkpoints.Sharding;
using VocabTrim.Surgery.Tokenizers;

namespace VocabTrim.Surgery;

/// <summary>How <see cref="ModelTrimmer"/> writes the trimmed model.</summary>
public sealed record ModelTrimOptions
{
    /// <summary>
    /// Round the new vocabulary up to a multiple of this with zero rows (tensor-core friendly sizes); null: no padding.
    /// </summary>
    public int? PadToMultiple { get; init; }

    /// <summary>Shard the weights above this many bytes per file (transformers' default, 5 GB).</summary>
    public long MaxShardBytes { get; init; } = ShardedSafetensorsWriter.DefaultMaxShardBytes;

    /// <summary>
    /// The dtype floating-point tensors (F32, F16, BF16) are written in, converted while streaming with PyTorch's
    /// rounding; config.json's <c>torch_dtype</c> follows. Integer and bool tensors are never converted.
    /// </summary>
    public WeightDtype Dtype { get; init; } = WeightDtype.Keep;

    /// <summary>
    /// The tokenizer trimmers to choose from by file; the BPE <c>tokenizer.json</c> trimmer plugs in here.
    /// </summary>
    public IReadOnlyList<ITokenizerFileTrimmer> TokenizerTrimmers { get; init; } = TokenizerFileTrimmers.Default;

    /// <summary>Receives the bytes of weights written so far and in all, as they are written.</summary>
    public IProgress<TrimProgress>? Progress { get; init; }

    /// <summary>Where the free space of the output's file system is read, checked before anything is written.</summary>
    public IFreeSpace FreeSpace { get; init; } = FileSystemFreeSpace.Instance;

    /// <summary>
    /// The original's tokenizer file as the caller already read it (<see cref="Tokenizers.TokenizerFile.Load"/> of the
    /// model folder): trimmed and recorded from these bytes, not read, parsed or hashed again.
    /// </summary>
    public VocabTrim.Tokenizers.LoadedTokenizer? Tokenizer { get; init; }

    /// <summary>
    /// Digests of original files the caller already took this run (by file name); recorded as they are.
    /// </summary>
    public IReadOnlyDictionary<string, FileDigest>? KnownDigests { get; init; }

    /// <summary>
    /// The output folder is the caller's own staging folder (which it holds, and renames into place when complete):
    /// write straight into it, without a staging folder of the trimmer's own.
    /// </summary>
    public bool OutputIsStaged { get; init; }

    /// <summary>Stops the writing (nothing is left behind: the output is staged).</summary>
    public CancellationToken Cancellation { get; init; }
}
