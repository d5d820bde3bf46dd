using System.Text;

namespace VocabTrim.Tokenizers.Bpe;

/// <summary>
/// Unicode NFC (canonical decomposition, canonical ordering, canonical composition) from generated tables
/// (<see cref="NfcTables"/>), because the project runs with InvariantGlobalization, where .NET's
/// <c>string.Normalize</c> returns text unchanged. Text without a code point that NFC can touch (nearly
/// all of it) is returned as it is.
/// </summary>
public static class Nfc
{
    private const int SBase = 0xAC00, LBase = 0x1100, VBase = 0x1161, TBase = 0x11A7;
    private const int LCount = 19, VCount = 21, TCount = 28, NCount = VCount * TCount, SCount = LCount * NCount;

    private static readonly Dictionary<int, (int First, int Second)> Decompositions = Triples(NfcTables.Decompositions)
        .ToDictionary(t => t.A, t => (t.B, t.C));
    private static readonly Dictionary<int, int> Classes = Pairs(NfcTables.CombiningClasses);
    private static readonly Dictionary<long, int> Compositions = Triples(NfcTables.Compositions)
        .ToDictionary(t => Key(t.A, t.B), t => t.C);
    private static readonly int[] Sensitive = NfcTables.Sensitive.ToArray();

    /// <summary>The Unicode version of the tables.</summary>
    public static string UnicodeVersion => NfcTables.UnicodeVersion;

    public static string Normalize(string text)
    {
        if (!NeedsWork(text)) return text;
        var decomposed = new List<int>(text.Length + 8);
        foreach (var rune in text.EnumerateRunes()) Decompose(rune.Value, decomposed);
        Reorder(decomposed);
        var composed = Compose(decomposed);
        var builder = new StringBuilder(text.Length);
        foreach (var cp in composed) builder.Append(char.ConvertFromUtf32(cp));
        return builder.ToString();
    }

    private static bool NeedsWork(string text)
    {
        var i = 0;
        while (i < text.Length && text[i] < 0x300) i++;
        if (i == text.Length) return false;
        foreach (var rune in text.AsSpan(i).EnumerateRunes())
            if (IsSensitive(rune.Value)) return true;
        return false;
    }

    private static bool IsSensitive(int cp)
    {
        int lo = 0, hi = Sensitive.Length / 2 - 1;
        while (lo <= hi)
        {
            var mid = (lo + hi) / 2;
            if (cp < Sensitive[2 * mid]) hi = mid - 1;
            else if (cp > Sensitive[2 * mid + 1]) lo = mid + 1;
            else return true;
        }
        return false;
    }

    private static int ClassOf(int cp) => cp >= 0x300 && Classes.TryGetValue(cp, out var c) ? c : 0;

    private static void Decompose(int cp, List<int> output)
    {
        if (cp - SBase is >= 0 and < SCount and var s)
        {
            output.Add(LBase + s / NCount);
            output.Add(VBase + s % NCount / TCount);
            if (s % TCount != 0) output.Add(TBase + s % TCount);
            return;
        }
        if (!Decompositions.TryGetValue(cp, out var d))
        {
            output.Add(cp);
            return;
        }
        Decompose(d.First, output);
        if (d.Second >= 0) Decompose(d.Second, output);
    }

    /// <summary>Sorts each run of non-starters by combining class, keeping the order of equal classes.</summary>
    private static void Reorder(List<int> cps)
    {
        for (var i = 1; i < cps.Count; i++)
        {
            var c = ClassOf(cps[i]);
            if (c == 0) continue;
            for (var j = i; j > 0 && ClassOf(cps[j - 1]) > c; j--) (cps[j - 1], cps[j]) = (cps[j], cps[j - 1]);
        }
    }

    private static List<int> Compose(List<int> cps)
    {
        var output = new List<int>(cps.Count);
        var starter = -1;
        var lastClass = 0;
        foreach (var cp in cps)
        {
            var c = ClassOf(cp);
            // Blocked unless adjacent to the starter or every character between has a lower, non-zero class.
            if (starter >= 0 && (output.Count - 1 == starter || (lastClass != 0 && lastClass < c))
                && TryCompose(output[starter], cp, out var composite))
            {
                output[starter] = composite;
                continue;
            }
            if (c == 0) starter = output.Count;
            lastClass = c;
            output.Add(cp);
        }
        return output;
    }

    private static bool TryCompose(int first, int second, out int composite)
    {
        if (first - LBase is >= 0 and < LCount && second - VBase is >= 0 and < VCount)
        {
            composite = SBase + ((first - LBase) * VCount + second - VBase) * TCount;
            return true;
        }
        if (first - SBase is >= 0 and < SCount && (first - SBase) % TCount == 0 && second - TBase is > 0 and < TCount)
        {
            composite = first + second - TBase;
            return true;
        }
        return Compositions.TryGetValue(Key(first, second), out composite);
    }

    private static long Key(int a, int b) => ((long)a << 21) | (uint)b;

    private static List<(int A, int B, int C)> Triples(ReadOnlySpan<int> values)
    {
        var list = new List<(int, int, int)>(values.Length / 3);
        for (var i = 0; i + 2 < values.Length; i += 3) list.Add((values[i], values[i + 1], values[i + 2]));
        return list;
    }

    private static Dictionary<int, int> Pairs(ReadOnlySpan<int> values)
    {
        var map = new Dictionary<int, int>(values.Length / 2);
        for (var i = 0; i + 1 < values.Length; i += 2) map[values[i]] = values[i + 1];
        return map;
    }
}
