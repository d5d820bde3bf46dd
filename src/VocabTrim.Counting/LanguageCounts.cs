namespace VocabTrim.Counting;

/// <summary>How often each piece of a tokenizer occurred in one language's corpus.</summary>
public sealed class LanguageCounts
{
    /// <summary>The language code as the user gave it, e.g. <c>en</c>.</summary>
    public required string Language { get; init; }

    /// <summary>Occurrences per piece id; the length is the tokenizer's piece count.</summary>
    public required long[] Counts { get; init; }

    public required long Sentences { get; init; }

    /// <summary>All tokens produced; equals the sum of <see cref="Counts"/>.</summary>
    public required long Tokens { get; init; }

    public long UnknownTokens { get; init; }

    public long ByteFallbackTokens { get; init; }

    public long MalformedLinesSkipped { get; init; }

    public required CorpusInfo Corpus { get; init; }

    public required CountingOptions Options { get; init; }

    /// <summary>When the counting finished; kept when a later run reuses these counts.</summary>
    public DateTimeOffset Counted { get; init; } = DateTimeOffset.UtcNow;

    /// <summary>The vocabtrim version that counted, which may be older than the one that wrote the folder.</summary>
    public string ToolVersion { get; init; } = Common.ToolVersion.Current;

    /// <summary>Number of distinct pieces that occurred at least once (computed from <see cref="Counts"/>).</summary>
    public int PiecesSeen
    {
        get
        {
            var seen = 0;
            foreach (var c in Counts) if (c > 0) seen++;
            return seen;
        }
    }
}
