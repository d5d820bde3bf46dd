namespace VocabTrim.Tokenizers.SentencePiece;

/// <summary>
/// Reads the double-array trie that SentencePiece serialises into a normalizer's precompiled
/// charsmap (darts-clone's unit layout: 32-bit units holding label, offset, leaf flag or value).
/// </summary>
internal sealed class DartsCloneTrie
{
    // SentencePiece keeps only the first 32 prefix matches (kMaxTrieResultsSize); longer chains are cut there.
    private const int MaxResults = 32;

    private readonly uint[] _units;

    public DartsCloneTrie(uint[] units)
    {
        if (units.Length == 0) throw new ArgumentException("empty double array", nameof(units));
        _units = units;
    }

    private static bool HasLeaf(uint unit) => ((unit >> 8) & 1) == 1;
    private static int Value(uint unit) => (int)(unit & 0x7FFFFFFF);
    private static uint Label(uint unit) => unit & 0x800000FFu;
    private static uint Offset(uint unit) => (unit >> 10) << (int)((unit & (1u << 9)) >> 6);

    /// <summary>
    /// True when some key starts with <paramref name="b"/>: a cheap test that lets most text skip the search.
    /// </summary>
    public bool HasKeysStartingWith(byte b)
    {
        var node = Offset(_units[0]) ^ b;
        return node < _units.Length && Label(_units[node]) == b;
    }

    /// <summary>
    /// The length of the longest key that prefixes <paramref name="text"/> (0 if none) and its value.
    /// </summary>
    public int LongestPrefix(ReadOnlySpan<byte> text, out int value)
    {
        value = 0;
        var longest = 0;
        var results = 0;
        var node = Offset(_units[0]);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            node ^= c;
            if (node >= (uint)_units.Length) break;
            var unit = _units[node];
            if (Label(unit) != c) break;
            node ^= Offset(unit);
            if (HasLeaf(unit))
            {
                if (results < MaxResults && node < (uint)_units.Length)
                {
                    longest = i + 1;
                    value = Value(_units[node]);
                }
                results++;
            }
        }
        return longest;
    }
}
