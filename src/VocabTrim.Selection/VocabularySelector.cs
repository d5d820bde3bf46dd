using VocabTrim.Counting;
using VocabTrim.Tokenizers;

namespace VocabTrim.Selection;

/// <summary>
/// Chooses the pieces to keep, after "Load What You Need": every special piece, the most frequent
/// ordinary pieces of each language, and the most frequent ordinary pieces over all the languages.
/// </summary>
public static class VocabularySelector
{
    /// <summary>
    /// Kept = special pieces ∪ top-N ordinary pieces per language ∪ top-<paramref name="overall"/> ordinary
    /// pieces by count summed over the quota languages. Specials do not use up quotas; pieces that never
    /// occurred are never selected. Ranking: higher count first, then lower id. Kept ids are ascending.
    /// <paramref name="specialTokens"/> (default: all) may leave out sentinels; every other special piece is kept.
    /// </summary>
    public static KeptVocabulary Select(TokenizerVocabulary vocabulary, IReadOnlyCollection<LanguageCounts> counts,
        IReadOnlyList<LanguageQuota> quotas, int overall, SpecialTokenPolicy? specialTokens = null)
    {
        specialTokens ??= SpecialTokenPolicy.All;
        if (quotas.Count == 0) throw new SelectionException("no language quotas given");
        if (overall < 0) throw new SelectionException($"the overall number of pieces must not be negative ({overall})");
        var duplicate = quotas.GroupBy(q => q.Language).FirstOrDefault(g => g.Count() > 1);
        if (duplicate != null) throw new SelectionException($"'{duplicate.Key}' has two quotas");

        var n = vocabulary.Count;
        var byLanguage = new Dictionary<string, LanguageCounts>();
        foreach (var c in counts)
            if (!byLanguage.TryAdd(c.Language, c))
                throw new SelectionException($"two sets of counts for '{c.Language}'");
        var languageCounts = quotas.Select(q =>
        {
            if (!byLanguage.TryGetValue(q.Language, out var c))
                throw new SelectionException(
                    $"no counts for '{q.Language}' (counted: " +
                    $"{(byLanguage.Count == 0 ? "none" : string.Join(", ", byLanguage.Keys))})");
            if (c.Counts.Length != n)
                throw new SelectionException($"the counts of '{q.Language}' have {c.Counts.Length} entries, the " +
                    $"tokenizer has {n} pieces");
            return c;
        }).ToList();

        var top = new List<string>?[n];
        var selectedPerLanguage = new int[quotas.Count];
        var availablePerLanguage = new int[quotas.Count];
        for (var l = 0; l < quotas.Count; l++)
        {
            var ranked = Rank(vocabulary, languageCounts[l].Counts);
            availablePerLanguage[l] = ranked.Length;
            selectedPerLanguage[l] = Math.Min(quotas[l].Top, ranked.Length);
            foreach (var id in ranked.AsSpan(0, selectedPerLanguage[l])) (top[id] ??= []).Add(quotas[l].Language);
        }

        var summed = new long[n];
        foreach (var c in languageCounts)
            for (var id = 0; id < n; id++) summed[id] += c.Counts[id];
        var overallRanked = Rank(vocabulary, summed);
        var overallSelected = Math.Min(overall, overallRanked.Length);
        var inOverall = new bool[n];
        foreach (var id in overallRanked.AsSpan(0, overallSelected)) inOverall[id] = true;

        var pieces = new List<KeptPiece>();
        int specials = 0, byQuotas = 0, overallOnly = 0, sentinels = 0, sentinelsDropped = 0;
        for (var id = 0; id < n; id++)
        {
            var kind = vocabulary.KindOf(id);
            var special = kind.IsSpecial();
            // By kind and text, never by id: a tokenizer may hold its sentinels anywhere.
            if (kind == PieceKind.UserDefined
                && SpecialTokenPolicy.SentinelNumber(vocabulary.PieceAt(id)) is { } sentinel)
            {
                sentinels++;
                if (!specialTokens.KeepsSentinel(sentinel))
                {
                    sentinelsDropped++;
                    continue;
                }
            }
            if (!special && top[id] == null && !inOverall[id]) continue;
            if (special) specials++;
            else if (top[id] != null) byQuotas++;
            else overallOnly++;
            var pieceCounts = new Dictionary<string, long>();
            foreach (var c in languageCounts) pieceCounts[c.Language] = c.Counts[id];
            pieces.Add(new KeptPiece(id, vocabulary.PieceAt(id), (IReadOnlyList<string>?)top[id] ?? [], inOverall[id],
                pieceCounts, special ? kind : null));
        }

        var coverage = new List<LanguageCoverage>();
        for (var l = 0; l < quotas.Count; l++)
        {
            var c = languageCounts[l];
            long kept = 0;
            foreach (var p in pieces) kept += c.Counts[p.Id];
            coverage.Add(new LanguageCoverage(c.Language, quotas[l].Top, selectedPerLanguage[l],
                availablePerLanguage[l],
                c.Tokens, kept, c.Tokens == 0 ? 0 : (double)kept / c.Tokens));
        }

        var totals = new SelectionTotals(n, pieces.Count, specials, byQuotas, overallOnly, overallSelected,
            sentinelsDropped);
        return new KeptVocabulary(vocabulary.Info, new SelectionRule(quotas, overall) { SpecialTokens = specialTokens },
            totals, coverage, pieces)
        {
            Notes = SentinelNotes(specialTokens, sentinels, sentinelsDropped),
        };
    }

    private static List<string> SentinelNotes(SpecialTokenPolicy policy, int sentinels, int dropped)
    {
        if (policy.KeepsAllSentinels) return [];
        if (sentinels == 0)
            return [$"sentinels {policy.SentinelsText}: the tokenizer has no <extra_id_K> sentinel pieces " +
                "(BLOOM-style tokenizers have none), so the policy changes nothing"];
        var kept = sentinels - dropped;
        if (policy.Sentinels > sentinels)
            return [$"sentinels {policy.SentinelsText}: the tokenizer has only {sentinels} sentinel pieces; all of " +
                "them are kept"];
        return [$"sentinels {policy.SentinelsText}: kept {kept} of the tokenizer's {sentinels} sentinel pieces, " +
            $"dropped {dropped}"];
    }

    /// <summary>Ordinary pieces that occurred, most frequent first, ties by lower id.</summary>
    private static int[] Rank(TokenizerVocabulary vocabulary, long[] counts)
    {
        var ids = new List<int>();
        for (var id = 0; id < counts.Length; id++)
            if (counts[id] > 0 && !vocabulary.KindOf(id).IsSpecial()) ids.Add(id);
        var ranked = ids.ToArray();
        Array.Sort(ranked, (a, b) => counts[a] != counts[b] ? counts[b].CompareTo(counts[a]) : a.CompareTo(b));
        return ranked;
    }
}
