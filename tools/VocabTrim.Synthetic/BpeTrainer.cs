using System.Text;
using System.Text.RegularExpressions;
using VocabTrim.Tokenizers.Bpe;

namespace VocabTrim.Synthetic;

/// <summary>
/// A small byte-level BPE trainer for BLOOM-format tokenizers: splits sentences as BLOOM does, starts
/// from the 256 byte tokens and repeatedly merges the most frequent adjacent pair (ties: the smaller
/// pair of ids). Pair counts are updated incrementally, touching only the words that hold the merged
/// pair. Made to build test and fixture vocabularies, not to reproduce BLOOM's own training.
/// </summary>
public static class BpeTrainer
{
    /// <param name="vocabSize">Total size: the 4 special tokens, the 256 bytes and the merged tokens.</param>
    /// <param name="minFrequency">Pairs seen fewer times than this are never merged.</param>
    public static (IReadOnlyList<string> Tokens, IReadOnlyList<BpeMerge> Merges) Train(
        IEnumerable<string> sentences, int vocabSize, int minFrequency = 2)
    {
        var tokens = new List<string>(BloomFormat.SpecialTokens);
        tokens.AddRange(ByteLevelAlphabet.Tokens);
        if (vocabSize < tokens.Count)
            throw new ArgumentOutOfRangeException(nameof(vocabSize), $"must be at least {tokens.Count}");
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < tokens.Count; i++) ids[tokens[i]] = i;

        var (words, counts) = CountWords(sentences);
        var pairCounts = new Dictionary<long, long>();
        var pairWords = new Dictionary<long, HashSet<int>>();
        var queue = new PriorityQueue<long, (long NegativeCount, long Pair)>();
        // Pairs whose count changed since the queue last heard of them: queued once per merge, not once per word.
        var changed = new HashSet<long>();
        for (var w = 0; w < words.Count; w++) AddPairs(w, +1, -1);
        Flush();

        var merges = new List<BpeMerge>();
        while (tokens.Count < vocabSize && queue.TryDequeue(out var pair, out var priority))
        {
            if (!pairCounts.TryGetValue(pair, out var count) || count != -priority.NegativeCount) continue; // stale
            if (count < minFrequency) break;
            var (a, b) = ((int)(pair >> 32), (int)(uint)pair);
            var merged = tokens[a] + tokens[b];
            if (!ids.TryGetValue(merged, out var ab))
            {
                ab = tokens.Count;
                tokens.Add(merged);
                ids[merged] = ab;
            }
            merges.Add(new BpeMerge(tokens[a], tokens[b]));
            foreach (var w in pairWords[pair].ToList())
            {
                AddPairs(w, -1, -1);
                words[w] = MergeIn(words[w], a, b, ab);
                AddPairs(w, +1, ab);
            }
            Flush();
        }
        return (tokens, merges);

        void Flush()
        {
            foreach (var key in changed)
            {
                var c = pairCounts[key];
                if (c > 0) queue.Enqueue(key, (-c, key));
                else pairCounts.Remove(key);
            }
            changed.Clear();
        }

        // A word is registered under a pair when the pair appears in it; after a merge only pairs with
        // the new symbol can be new to the word (registerOnly), the others were registered before.
        void AddPairs(int w, int sign, int registerOnly)
        {
            var symbols = words[w];
            for (var i = 0; i + 1 < symbols.Length; i++)
            {
                var key = ((long)symbols[i] << 32) | (uint)symbols[i + 1];
                var updated = pairCounts.GetValueOrDefault(key) + sign * counts[w];
                pairCounts[key] = updated;
                if (sign > 0 && (registerOnly < 0 || symbols[i] == registerOnly || symbols[i + 1] == registerOnly))
                {
                    if (!pairWords.TryGetValue(key, out var set)) pairWords[key] = set = [];
                    set.Add(w);
                }
                changed.Add(key);
            }
        }
    }

    private static int[] MergeIn(int[] symbols, int a, int b, int ab)
    {
        var result = new List<int>(symbols.Length);
        for (var i = 0; i < symbols.Length; i++)
        {
            if (i + 1 < symbols.Length && symbols[i] == a && symbols[i + 1] == b)
            {
                result.Add(ab);
                i++;
            }
            else
            {
                result.Add(symbols[i]);
            }
        }
        return [.. result];
    }

    private static (List<int[]> Words, List<long> Counts) CountWords(IEnumerable<string> sentences)
    {
        var split = new Regex(
            OnigurumaPattern.ToDotNet(BloomFormat.SplitPattern, "split"), RegexOptions.CultureInvariant);
        var wordCounts = new Dictionary<string, long>(StringComparer.Ordinal);
        var lookup = wordCounts.GetAlternateLookup<ReadOnlySpan<char>>();
        foreach (var sentence in sentences)
        {
            var previous = 0;
            foreach (var m in split.EnumerateMatches(sentence))
            {
                if (m.Index > previous) Count(sentence.AsSpan(previous, m.Index - previous));
                Count(sentence.AsSpan(m.Index, m.Length));
                previous = m.Index + m.Length;
            }
            if (previous < sentence.Length) Count(sentence.AsSpan(previous));
        }
        var words = new List<int[]>(wordCounts.Count);
        var counts = new List<long>(wordCounts.Count);
        // Ordinal order keeps training independent of dictionary iteration order.
        foreach (var (word, count) in wordCounts.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            // Byte tokens sit at ids 4..259 in byte order.
            words.Add(Encoding.UTF8.GetBytes(word).Select(b => BloomFormat.SpecialTokens.Count + b).ToArray());
            counts.Add(count);
        }
        return (words, counts);

        void Count(ReadOnlySpan<char> word)
        {
            if (word.IsEmpty) return;
            if (lookup.TryGetValue(word, out var c)) lookup[word] = c + 1;
            else wordCounts[word.ToString()] = 1;
        }
    }
}
