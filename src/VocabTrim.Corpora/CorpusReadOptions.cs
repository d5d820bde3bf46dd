namespace VocabTrim.Corpora;

/// <summary>How <see cref="LeipzigCorpus"/> reads a corpus.</summary>
public sealed record CorpusReadOptions
{
    public static CorpusReadOptions Default { get; } = new();

    public CorpusFormat Format { get; init; } = CorpusFormat.Leipzig;

    /// <summary>
    /// Skip lines that do not fit <see cref="Format"/> (no TAB, empty, invalid UTF-8) and count them in
    /// <see cref="CorpusReadStats.MalformedLinesSkipped"/> instead of failing. Archive damage is never skipped.
    /// </summary>
    public bool SkipMalformed { get; init; }

    /// <summary>Stop after this many sentences (for quick runs); <c>null</c> reads everything.</summary>
    public long? MaxSentences { get; init; }
}
