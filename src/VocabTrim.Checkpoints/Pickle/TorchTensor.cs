namespace VocabTrim.Checkpoints.Pickle;

/// <summary>
/// A tensor as <c>_rebuild_tensor_v2</c> describes it: a view of <see cref="Storage"/> starting at element
/// <see cref="StorageOffset"/> with the given size and stride (both in elements of <see cref="Dtype"/>).
/// </summary>
internal sealed record TorchTensor(TorchStorage Storage, Dtype Dtype, long StorageOffset, long[] Size, long[] Stride);
