namespace VocabTrim.Corpora;

/// <summary>What one pass over a corpus has read so far.</summary>
/// <param name="Lines">Lines consumed, including skipped ones.</param>
/// <param name="Sentences">Sentences delivered.</param>
/// <param name="MalformedLinesSkipped">Lines skipped because of <see cref="CorpusReadOptions.SkipMalformed"/>.</param>
/// <param name="Bytes">Uncompressed bytes of the sentence file consumed, ids and line endings included.</param>
public readonly record struct CorpusReadStats(long Lines, long Sentences, long MalformedLinesSkipped, long Bytes);
