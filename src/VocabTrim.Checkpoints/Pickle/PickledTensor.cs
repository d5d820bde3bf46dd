namespace VocabTrim.Checkpoints.Pickle;

/// <summary>
/// Where a pickled tensor's data lives: the storage file <c>data/&lt;StorageKey&gt;</c> of the archive, from
/// element <see cref="StorageOffset"/> on, laid out by <see cref="Stride"/> (contiguous, or it is refused).
/// Two names with the same storage key, offset, dtype and shape are one tied tensor.
/// </summary>
public sealed record PickledTensor(string Name, string StorageKey, Dtype Dtype, long StorageOffset, TensorShape Shape,
    IReadOnlyList<long> Stride);
