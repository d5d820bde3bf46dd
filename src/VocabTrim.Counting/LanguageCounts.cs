using VocabTrim.Tokenizers;

namespace VocabTrim.Counting;

/// <summary>
/// How often each piece of a tokenizer occurred in one language's corpus, the totals, and how it was counted.
/// <c>counts.json</c> records all of it but the counts themselves (<see cref="CountsManifestEntry"/>).
/// </summary>
public sealed record LanguageCounts
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

    /// <summary>
    /// The counts <paramref name="counts"/> of <paramref name="tokenizer"/>'s pieces with their totals: unknown and
    /// byte-fallback tokens are read off the counts of those pieces' kinds.
    /// </summary>
    public static LanguageCounts Tally(string language, long[] counts, long sentences, ITokenizer tokenizer,
        CorpusInfo corpus, CountingOptions options, long malformedLinesSkipped = 0)
    {
        if (counts.Length != tokenizer.PieceCount)
            throw new ArgumentException(
                $"{counts.Length} counts for a tokenizer of {tokenizer.PieceCount} pieces", nameof(counts));
        long tokens = 0, unknown = 0, byteFallback = 0;
        for (var id = 0; id < counts.Length; id++)
        {
            var c = counts[id];
            if (c == 0) continue;
            tokens += c;
            switch (tokenizer.KindOf(id))
            {
                case PieceKind.Unknown: unknown += c; break;
                case PieceKind.Byte: byteFallback += c; break;
            }
        }
        return new LanguageCounts
        {
            Language = language,
            Counts = counts,
            Sentences = sentences,
            Tokens = tokens,
            UnknownTokens = unknown,
            ByteFallbackTokens = byteFallback,
            MalformedLinesSkipped = malformedLinesSkipped,
            Corpus = corpus,
            Options = options,
        };
    }
}
