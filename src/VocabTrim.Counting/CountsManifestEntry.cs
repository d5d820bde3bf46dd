namespace VocabTrim.Counting;

/// <summary>
/// One language's entry in <c>counts.json</c>: a <see cref="LanguageCounts"/> without the language (the entry's key)
/// and the counts (its <c>&lt;lang&gt;.counts.csv</c>). Kept apart so that an entry read before its counts file is
/// never mistaken for counts.
/// </summary>
public sealed record CountsManifestEntry(
    long Sentences,
    long Tokens,
    int PiecesSeen,
    long UnknownTokens,
    long ByteFallbackTokens,
    long MalformedLinesSkipped,
    CorpusInfo Corpus,
    CountingOptions Options,
    DateTimeOffset Counted,
    string ToolVersion)
{
    public static CountsManifestEntry Of(LanguageCounts counts) => new(
        counts.Sentences, counts.Tokens, counts.PiecesSeen, counts.UnknownTokens, counts.ByteFallbackTokens,
        counts.MalformedLinesSkipped, counts.Corpus, counts.Options, counts.Counted, counts.ToolVersion);

    public LanguageCounts WithCounts(string language, long[] counts) => new()
    {
        Language = language,
        Counts = counts,
        Sentences = Sentences,
        Tokens = Tokens,
        UnknownTokens = UnknownTokens,
        ByteFallbackTokens = ByteFallbackTokens,
        MalformedLinesSkipped = MalformedLinesSkipped,
        Corpus = Corpus,
        Options = Options,
        Counted = Counted,
        ToolVersion = ToolVersion,
    };
}
