namespace VocabTrim.Surgery;

/// <summary>How far the writing of the trimmed weights has come.</summary>
public readonly record struct TrimProgress(long BytesWritten, long BytesTotal);
