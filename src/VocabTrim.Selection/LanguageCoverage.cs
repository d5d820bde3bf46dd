namespace VocabTrim.Selection;

/// <summary>
/// How one language fared: its quota, what could be filled, and how much of its text the kept set covers.
/// </summary>
/// <param name="Quota">Pieces asked for.</param>
/// <param name="Selected">Pieces its quota selected: the quota, or fewer when fewer pieces occurred.</param>
/// <param name="Available">Ordinary pieces that occurred at least once in its corpus.</param>
/// <param name="Tokens">Tokens in its corpus.</param>
/// <param name="KeptTokens">Tokens of its corpus that are kept pieces (sum of their counts).</param>
/// <param name="Coverage">KeptTokens / Tokens (0 for an empty corpus).</param>
public sealed record LanguageCoverage(
    string Language,
    int Quota,
    int Selected,
    int Available,
    long Tokens,
    long KeptTokens,
    double Coverage)
{
    public bool QuotaFilled => Selected == Quota;
}
