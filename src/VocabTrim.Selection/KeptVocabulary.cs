using VocabTrim.Counting;

namespace VocabTrim.Selection;

/// <summary>
/// The result of a selection: the kept pieces in their new order (new id i = old id <c>Ids[i]</c>) and why.
/// </summary>
public sealed record KeptVocabulary(
    TokenizerInfo Tokenizer,
    SelectionRule Rule,
    SelectionTotals Totals,
    IReadOnlyList<LanguageCoverage> Languages,
    IReadOnlyList<KeptPiece> Pieces)
{
    public IReadOnlyList<int> Ids => [.. Pieces.Select(p => p.Id)];

    /// <summary>
    /// What the user should know about how the rule applied (e.g. a sentinel policy that changed nothing).
    /// </summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>Quotas that could not be filled, said so that a user can act on it.</summary>
    public IEnumerable<string> Shortfalls()
    {
        foreach (var l in Languages.Where(l => !l.QuotaFilled))
            yield return $"{l.Language}: asked for {l.Quota:N0} pieces but only {l.Available:N0} occurred in its " +
                "corpus; all of them are kept";
        if (Totals.OverallSelected < Rule.Overall)
            yield return $"overall: asked for {Rule.Overall:N0} pieces but only {Totals.OverallSelected:N0} occurred " +
                "in the corpora; all of them are kept";
    }

    public KeepList ToKeepList() => new(Ids, Tokenizer.Sha256, this);
}
