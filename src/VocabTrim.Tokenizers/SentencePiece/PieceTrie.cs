namespace VocabTrim.Tokenizers.SentencePiece;

/// <summary>
/// A double-array trie over UTF-8 byte strings mapping each key to an id. Built once per model
/// for the encoder's lattice search (the model file stores pieces, not their trie).
/// Transition from state s on byte c: t = Base[s] + c + 1, valid when Check[t] == s.
/// </summary>
internal sealed class PieceTrie
{
    private readonly int[] _base;
    private readonly int[] _check;
    private readonly int[] _value; // id of the key ending at the state, or -1

    private PieceTrie(int[] @base, int[] check, int[] value)
    {
        _base = @base;
        _check = check;
        _value = value;
    }

    public const int Root = 0;

    /// <summary>
    /// Follows byte <paramref name="c"/> from <paramref name="state"/>; -1 when there is no such edge.
    /// </summary>
    public int Next(int state, byte c)
    {
        var t = _base[state] + c + 1;
        return (uint)t < (uint)_check.Length && _check[t] == state ? t : -1;
    }

    /// <summary>The id stored at <paramref name="state"/>, or -1 when no key ends there.</summary>
    public int ValueAt(int state) => _value[state];

    /// <summary>The length of the longest key that prefixes <paramref name="text"/> (0 if none), with its id.</summary>
    public int LongestPrefix(ReadOnlySpan<byte> text, out int id)
    {
        id = -1;
        var longest = 0;
        var state = Root;
        for (var i = 0; i < text.Length; i++)
        {
            state = Next(state, text[i]);
            if (state < 0) break;
            if (_value[state] >= 0) { longest = i + 1; id = _value[state]; }
        }
        return longest;
    }

    public bool StartsAnyKey(byte c) => Next(Root, c) >= 0;

    public static PieceTrie Build(IEnumerable<(byte[] Key, int Id)> keys)
    {
        var sorted = keys.ToArray();
        if (sorted.Any(k => k.Key.Length == 0)) throw new ArgumentException("empty key");
        Array.Sort(sorted, (a, b) => a.Key.AsSpan().SequenceCompareTo(b.Key));
        for (var i = 1; i < sorted.Length; i++)
            if (sorted[i].Key.AsSpan().SequenceEqual(sorted[i - 1].Key))
                throw new ArgumentException($"duplicate key (ids {sorted[i - 1].Id} and {sorted[i].Id})");
        var builder = new PieceTrieBuilder(sorted.Sum(k => k.Key.Length) + 256);
        builder.Place(PieceTrie.Root, sorted, 0, sorted.Length, 0);
        var (@base, check, value) = builder.Finish();
        return new PieceTrie(@base, check, value);
    }
}
