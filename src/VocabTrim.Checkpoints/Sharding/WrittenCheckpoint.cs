namespace VocabTrim.Checkpoints.Sharding;

/// <summary>What <see cref="ShardedSafetensorsWriter"/> wrote: the weight files and, if sharded, the index.</summary>
public sealed record WrittenCheckpoint(IReadOnlyList<string> Files, string? IndexFile, long TotalSize);
