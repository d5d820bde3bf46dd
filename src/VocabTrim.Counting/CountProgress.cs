namespace VocabTrim.Counting;

/// <summary>How far counting one language has come.</summary>
/// <param name="Sentences">Sentences counted so far.</param>
/// <param name="Bytes">Bytes of the sentence file read so far (uncompressed).</param>
public readonly record struct CountProgress(string Language, long Sentences, long Bytes);
