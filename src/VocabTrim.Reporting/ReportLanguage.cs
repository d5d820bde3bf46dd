using VocabTrim.Selection;

namespace VocabTrim.Reporting;

/// <summary>
/// One language: its corpus, its counts, its quota and coverage, and how many pieces given coverages need.
/// </summary>
/// <param name="CoverageOwnQuota">Coverage of the special pieces plus this language's own top-N alone.</param>
/// <param name="PiecesFor">
/// Ordinary pieces of this language needed for 90, 95, 99 and 99.9 % coverage (null: not reachable).
/// </param>
public sealed record ReportLanguage(
    string Language,
    CorpusFact? Corpus,
    long Sentences,
    long Tokens,
    int PiecesSeen,
    long UnknownTokens,
    long ByteFallbackTokens,
    int Quota,
    int Selected,
    int Available,
    long KeptTokens,
    double Coverage,
    double CoverageOwnQuota,
    IReadOnlyDictionary<string, int?> PiecesFor)
{
    public static ReportLanguage Of(LanguageCoverage l, AdaptationFacts facts)
    {
        var counts = facts.Counts.FirstOrDefault(c => c.Language == l.Language);
        var curve = counts == null ? null : CoverageCurve.Of(counts, facts.Selection);
        var piecesFor = new Dictionary<string, int?>();
        foreach (var share in new[] { 0.9, 0.95, 0.99, 0.999 })
            piecesFor[(share * 100).ToString("0.#", System.Globalization.CultureInfo.InvariantCulture)] =
                curve?.PiecesFor(share);
        return new ReportLanguage(l.Language, facts.Corpora.FirstOrDefault(c => c.Language == l.Language),
            counts?.Sentences ?? 0, l.Tokens, counts?.PiecesSeen ?? 0, counts?.UnknownTokens ?? 0,
            counts?.ByteFallbackTokens ?? 0,

            l.Quota, l.Selected, l.Available, l.KeptTokens, l.Coverage, curve?.At(l.Quota) ?? 0, piecesFor);
    }
}
