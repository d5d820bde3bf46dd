using VocabTrim.Counting;
using VocabTrim.Selection;

namespace VocabTrim.Reporting;

/// <summary>
/// One language's cumulative token coverage against vocabulary size: the share of its corpus tokens that the
/// special pieces plus its <c>x</c> most frequent ordinary pieces account for (ranked as the selection ranks them).
/// It starts at the special pieces' share, which every selection keeps.
/// </summary>
/// <param name="Quota">The language's top-N: the cut.</param>
/// <param name="OrdinaryKept">Ordinary pieces in the whole kept set (all quotas and the overall top-K).</param>
/// <param name="KeptCoverage">The coverage of the whole kept set, as the selection measured it.</param>
public sealed class CoverageCurve
{
    private readonly long[] _cumulative;

    private CoverageCurve(
        string language, long tokens, long[] cumulative, int quota, int ordinaryKept, double keptCoverage)
    {
        Language = language;
        Tokens = tokens;
        _cumulative = cumulative;
        Quota = quota;
        OrdinaryKept = ordinaryKept;
        KeptCoverage = keptCoverage;
    }

    public string Language { get; }

    public long Tokens { get; }

    public int Quota { get; }

    public int OrdinaryKept { get; }

    public double KeptCoverage { get; }

    /// <summary>Ordinary pieces that occurred in the corpus: beyond this the curve is flat.</summary>
    public int PiecesSeen => _cumulative.Length - 1;

    /// <summary>
    /// Coverage of the special pieces and the <paramref name="pieces"/> most frequent ordinary pieces.
    /// </summary>
    public double At(int pieces) => Tokens == 0 ? 0 : (double)_cumulative[Math.Clamp(pieces, 0, PiecesSeen)] / Tokens;

    /// <summary>
    /// The fewest ordinary pieces whose coverage reaches <paramref name="share"/>; null when no number does.
    /// </summary>
    public int? PiecesFor(double share)
    {
        if (Tokens == 0) return null;
        var needed = (long)Math.Ceiling(share * Tokens);
        var i = Array.BinarySearch(_cumulative, needed);
        if (i < 0) i = ~i;
        return i <= PiecesSeen ? i : null;
    }

    /// <summary>
    /// About <paramref name="points"/> points from 0 to <paramref name="maxPieces"/>, always including the quota.
    /// </summary>
    public IReadOnlyList<(int Pieces, double Coverage)> Sample(int maxPieces, int points = 800)
    {
        var xs = new SortedSet<int> { 0, Math.Min(Quota, maxPieces), maxPieces };
        for (var i = 1; i < points; i++) xs.Add((int)((long)maxPieces * i / points));
        return [.. xs.Select(x => (x, At(x)))];
    }

    public static CoverageCurve Of(LanguageCounts counts, KeptVocabulary selection)
    {
        var special = new bool[counts.Counts.Length];
        foreach (var p in selection.Pieces)
            if (p.Special != null && p.Id < special.Length) special[p.Id] = true;
        long specialTokens = 0;
        var ordinary = new List<long>();
        for (var id = 0; id < counts.Counts.Length; id++)
        {
            if (special[id]) specialTokens += counts.Counts[id];
            else if (counts.Counts[id] > 0) ordinary.Add(counts.Counts[id]);
        }
        ordinary.Sort((a, b) => b.CompareTo(a));
        var cumulative = new long[ordinary.Count + 1];
        cumulative[0] = specialTokens;
        for (var i = 0; i < ordinary.Count; i++) cumulative[i + 1] = cumulative[i] + ordinary[i];

        var quota = selection.Rule.Quotas.FirstOrDefault(q => q.Language == counts.Language)?.Top ?? 0;
        var coverage = selection.Languages.FirstOrDefault(l => l.Language == counts.Language);
        var ordinaryKept = selection.Totals.ByQuotas + selection.Totals.OverallOnly;
        return new CoverageCurve(
            counts.Language, counts.Tokens, cumulative, quota, ordinaryKept, coverage?.Coverage ?? 0);

    }
}
