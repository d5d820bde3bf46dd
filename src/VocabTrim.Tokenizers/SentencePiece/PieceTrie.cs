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

    /// <summary>Follows byte <paramref name="c"/> from <paramref name="state"/>; -1 when there is no such edge.</summary>
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
        // 1. A pointer trie, children kept sorted by byte.
        var children = new List<SortedList<byte, int>?> { null };
        var values = new List<int> { -1 };
        foreach (var (key, id) in keys)
        {
            if (key.Length == 0) throw new ArgumentException("empty key");
            var node = 0;
            foreach (var b in key)
            {
                var map = children[node] ??= new SortedList<byte, int>();
                if (!map.TryGetValue(b, out var child))
                {
                    child = children.Count;
                    children.Add(null);
                    values.Add(-1);
                    map.Add(b, child);
                }
                node = child;
            }
            values[node] = id;
        }

        // 2. Place every node's children in the double array, breadth first. Free cells below the
        // used end are kept in a sorted set; a node tries a bounded number of them and otherwise goes
        // to the fresh region past the end, which keeps building linear in practice.
        const int MaxHolesTried = 256;
        var capacity = Math.Max(1024, children.Count * 2);
        var @base = new int[capacity];
        var check = Enumerable.Repeat(-1, capacity).ToArray();
        var value = Enumerable.Repeat(-1, capacity).ToArray();
        check[0] = int.MaxValue; // the root's slot is taken
        value[0] = values[0];
        var usedEnd = 1;
        var holes = new SortedSet<int>();
        var state = new int[children.Count];
        var queue = new Queue<int>();
        queue.Enqueue(0);
        while (queue.Count > 0)
        {
            var node = queue.Dequeue();
            var map = children[node];
            if (map == null || map.Count == 0) continue;
            var labels = map.Keys;
            var chosen = -1;
            var tried = 0;
            foreach (var hole in holes)
            {
                if (++tried > MaxHolesTried) break;
                var b = hole - labels[0] - 1;
                if (b < 0) continue;
                var fits = true;
                foreach (var label in labels)
                {
                    var t = b + label + 1;
                    if (t < check.Length && check[t] != -1) { fits = false; break; }
                }
                if (fits) { chosen = b; break; }
            }
            if (chosen < 0) chosen = Math.Max(0, usedEnd - labels[0] - 1);
            var needed = chosen + labels[^1] + 2;
            if (needed > check.Length) Grow(ref @base, ref check, ref value, Math.Max(needed, check.Length * 2));

            @base[state[node]] = chosen;
            foreach (var (label, child) in map)
            {
                var t = chosen + label + 1;
                if (t < usedEnd) holes.Remove(t);
                else
                {
                    for (var k = usedEnd; k < t; k++) holes.Add(k);
                    usedEnd = t + 1;
                }
                check[t] = state[node];
                state[child] = t;
                value[t] = values[child];
                queue.Enqueue(child);
            }
        }
        Array.Resize(ref @base, usedEnd);
        Array.Resize(ref check, usedEnd);
        Array.Resize(ref value, usedEnd);
        return new PieceTrie(@base, check, value);
    }

    private static void Grow(ref int[] @base, ref int[] check, ref int[] value, int size)
    {
        var old = check.Length;
        Array.Resize(ref @base, size);
        Array.Resize(ref check, size);
        Array.Resize(ref value, size);
        Array.Fill(check, -1, old, size - old);
        Array.Fill(value, -1, old, size - old);
    }
}
