namespace VocabTrim.Selection;

/// <summary>
/// What to keep: the special pieces <see cref="SpecialTokens"/> allows, the top pieces of each language, and the
/// top <paramref name="Overall"/> pieces by count summed over those languages.
/// </summary>
public sealed record SelectionRule(IReadOnlyList<LanguageQuota> Quotas, int Overall)
{
    /// <summary>Which sentinels to keep; keep lists written before the policy existed kept all of them.</summary>
    public SpecialTokenPolicy SpecialTokens { get; init; } = SpecialTokenPolicy.All;
}
