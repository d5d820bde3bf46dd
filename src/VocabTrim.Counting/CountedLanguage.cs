using VocabTrim.Common;

namespace VocabTrim.Counting;

/// <summary>One language's entry in <c>counts.json</c>: everything about its counts except the counts themselves.</summary>
public sealed record CountedLanguage(
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
    public static CountedLanguage Of(LanguageCounts counts) => new(
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
