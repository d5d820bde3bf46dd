namespace VocabTrim.Checkpoints.Tests.Support;

/// <summary>A tensor entry of a crafted state dict: a view of a storage (offset, size, stride in elements).</summary>
internal sealed record CraftedTensor(string Name, string StorageKey, long StorageOffset, long[] Size, long[] Stride);
