using VocabTrim.Selection;

namespace VocabTrim.Reporting;

/// <summary>
/// The card's one-sentence account of what the vocabulary is made of, in the published example's words.
/// </summary>
public static class VocabularyComposition
{
    /// <summary>
    /// E.g. "top 2000 tokens overall, top 15000 from en, top 30000 from de and 356 special tokens": the rule's
    /// numbers as asked (numbers without separators, as published), and the special pieces actually kept.
    /// </summary>
    public static string Sentence(KeptVocabulary selection)
    {
        var parts = new List<string>();
        if (selection.Rule.Overall > 0) parts.Add($"top {selection.Rule.Overall} tokens overall");
        parts.AddRange(selection.Rule.Quotas.Select(q => $"top {q.Top} from {q.Language}"));
        var specials = $"{selection.Totals.Specials} special tokens";
        return parts.Count == 0 ? specials : string.Join(", ", parts) + " and " + specials;
    }
}
