namespace VocabTrim.Selection;

/// <summary>
/// What to keep besides the special pieces: the top pieces of each language, and the top
/// <paramref name="Overall"/> pieces by count summed over those languages.
/// </summary>
public sealed record SelectionRule(IReadOnlyList<LanguageQuota> Quotas, int Overall);
