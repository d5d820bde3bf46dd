namespace VocabTrim.Tokenizers.SentencePiece;

/// <summary>
/// Lays sorted keys out as a double array, depth first over key ranges: a node's children are the
/// distinct bytes at its depth. Free cells below the used end form a doubly linked list; a node tries
/// a bounded number of them before taking fresh cells past the end, which keeps building linear.
/// </summary>
internal sealed class PieceTrieBuilder
{
    private const int MaxHolesTried = 64;
    private const int NoCell = -1;

    private int[] _base;
    private int[] _check;
    private int[] _value;
    private int[] _nextHole;
    private int[] _prevHole;
    private int _firstHole = NoCell;
    private int _lastHole = NoCell;
    private int _usedEnd = 1; // cell 0 is the root

    public PieceTrieBuilder(int capacity)
    {
        capacity = Math.Max(capacity, 1024);
        _base = new int[capacity];
        _check = new int[capacity];
        _value = new int[capacity];
        _nextHole = new int[capacity];
        _prevHole = new int[capacity];
        Array.Fill(_check, -1);
        Array.Fill(_value, -1);
        _check[0] = int.MaxValue;
    }

    /// <summary>
    /// Places the subtree of <paramref name="state"/>: keys[lo..hi) share their first <paramref name="depth"/> bytes.
    /// </summary>
    public void Place(int state, (byte[] Key, int Id)[] keys, int lo, int hi, int depth)
    {
        // Sorted order puts the key that ends here (a prefix of the others) first.
        if (keys[lo].Key.Length == depth)
        {
            _value[state] = keys[lo].Id;
            lo++;
        }
        if (lo == hi) return;

        Span<byte> labels = stackalloc byte[256];
        Span<int> starts = stackalloc int[257];
        var count = 0;
        for (var i = lo; i < hi; i++)
        {
            var b = keys[i].Key[depth];
            if (count == 0 || labels[count - 1] != b)
            {
                labels[count] = b;
                starts[count] = i;
                count++;
            }
        }
        starts[count] = hi;
        labels = labels[..count];

        var @base = FindBase(labels);
        _base[state] = @base;
        var children = new int[count];
        for (var c = 0; c < count; c++)
        {
            var t = @base + labels[c] + 1;
            Occupy(t);
            _check[t] = state;
            children[c] = t;
        }
        for (var c = 0; c < count; c++) Place(children[c], keys, starts[c], starts[c + 1], depth + 1);
    }

    public (int[] Base, int[] Check, int[] Value) Finish()
    {
        Array.Resize(ref _base, _usedEnd);
        Array.Resize(ref _check, _usedEnd);
        Array.Resize(ref _value, _usedEnd);
        return (_base, _check, _value);
    }

    private int FindBase(ReadOnlySpan<byte> labels)
    {
        var tried = 0;
        for (var hole = _firstHole; hole != NoCell && tried < MaxHolesTried; hole = _nextHole[hole], tried++)
        {
            var b = hole - labels[0] - 1;
            if (b < 0) continue;
            var fits = true;
            foreach (var label in labels)
            {
                var t = b + label + 1;
                if (t < _usedEnd && _check[t] != -1) { fits = false; break; }
            }
            if (fits) return b;
        }
        // Fresh cells past the used end are all free.
        return Math.Max(0, _usedEnd - labels[0] - 1);
    }

    private void Occupy(int cell)
    {
        if (cell < _usedEnd)
        {
            Unlink(cell);
            return;
        }
        EnsureCapacity(cell + 1);
        for (var k = _usedEnd; k < cell; k++) Append(k);
        _usedEnd = cell + 1;
    }

    private void Append(int cell)
    {
        _prevHole[cell] = _lastHole;
        _nextHole[cell] = NoCell;
        if (_lastHole == NoCell) _firstHole = cell;
        else _nextHole[_lastHole] = cell;
        _lastHole = cell;
    }

    private void Unlink(int cell)
    {
        var prev = _prevHole[cell];
        var next = _nextHole[cell];
        if (prev == NoCell) _firstHole = next; else _nextHole[prev] = next;
        if (next == NoCell) _lastHole = prev; else _prevHole[next] = prev;
    }

    private void EnsureCapacity(int size)
    {
        if (size <= _check.Length) return;
        var old = _check.Length;
        var n = Math.Max(size, old * 2);
        Array.Resize(ref _base, n);
        Array.Resize(ref _check, n);
        Array.Resize(ref _value, n);
        Array.Resize(ref _nextHole, n);
        Array.Resize(ref _prevHole, n);
        Array.Fill(_check, -1, old, n - old);
        Array.Fill(_value, -1, old, n - old);
    }
}
