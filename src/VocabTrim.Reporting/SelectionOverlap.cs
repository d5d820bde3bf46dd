using VocabTrim.Selection;

namespace VocabTrim.Reporting;

/// <summary>How the per-language selections overlap: which kept pieces came from which quotas.</summary>
/// <param name="ByLanguages">
/// Ordinary pieces selected by exactly this set of language quotas (key: languages in rule order joined by '+').
/// </param>
/// <param name="OverallOnly">Ordinary pieces only the overall top-K selected.</param>
/// <param name="Specials">Pieces kept for being special.</param>
/// <param name="QuotaPiecesAlsoOverall">Pieces selected by a quota that the overall top-K selected too.</param>
public sealed record SelectionOverlap(
    IReadOnlyDictionary<string, int> ByLanguages,
    int OverallOnly,
    int Specials,
    int QuotaPiecesAlsoOverall)
{
    /// <summary>Pieces that more than one language's quota selected.</summary>
    public int SharedByLanguages => ByLanguages.Where(e => e.Key.Contains('+')).Sum(e => e.Value);

    /// <summary>Pieces only <paramref name="language"/>'s quota selected.</summary>
    public int Only(string language) => ByLanguages.GetValueOrDefault(language);

    public int Total => ByLanguages.Values.Sum() + OverallOnly + Specials;

    public static SelectionOverlap Of(KeptVocabulary selection)
    {
        var order = selection.Rule.Quotas.Select((q, i) => (q.Language, i)).ToDictionary(x => x.Language, x => x.i);
        var byLanguages = new Dictionary<string, int>(StringComparer.Ordinal);
        // Every combination that can occur is listed, with 0 when empty, so the report's keys do not depend on the data
        // for the single languages.
        foreach (var q in selection.Rule.Quotas) byLanguages[q.Language] = 0;
        int overallOnly = 0, specials = 0, alsoOverall = 0;
        foreach (var piece in selection.Pieces)
        {
            if (piece.Special != null) { specials++; continue; }
            if (piece.Top.Count == 0) { overallOnly++; continue; }
            if (piece.Overall) alsoOverall++;
            var key = string.Join('+', piece.Top.OrderBy(l => order.GetValueOrDefault(l, int.MaxValue)));
            byLanguages[key] = byLanguages.GetValueOrDefault(key) + 1;
        }
        return new SelectionOverlap(byLanguages, overallOnly, specials, alsoOverall);
    }
}
