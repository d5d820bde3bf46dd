namespace VocabTrim.Checkpoints;

/// <summary>
/// The dimensions of a tensor, outermost first (row-major, as both checkpoint formats store data).
/// A rank-0 shape is a scalar with one element. Compares by value.
/// </summary>
public sealed class TensorShape : IReadOnlyList<long>, IEquatable<TensorShape>
{
    private readonly long[] _dims;

    public TensorShape(params ReadOnlySpan<long> dims)
    {
        foreach (var d in dims)
            if (d < 0) throw new ArgumentOutOfRangeException(nameof(dims), $"negative dimension in {Format(dims)}");
        _dims = dims.ToArray();
    }

    public int Rank => _dims.Length;

    public int Count => _dims.Length;

    public long this[int index] => _dims[index];

    /// <summary>The number of elements; throws <see cref="OverflowException"/> for shapes no file could hold.</summary>
    public long ElementCount => Product(_dims);

    /// <summary>Elements in one slice along dimension 0 (a "row" of an embedding matrix).</summary>
    public long RowElementCount => Rank == 0
        ? throw new InvalidOperationException("a scalar has no rows")
        : Product(_dims.AsSpan(1));

    /// <summary>The same shape with dimension 0 replaced: the shape of a subset of the rows.</summary>
    public TensorShape WithRows(long rows)
    {
        if (Rank == 0) throw new InvalidOperationException("a scalar has no rows");
        var dims = (long[])_dims.Clone();
        dims[0] = rows;
        return new TensorShape(dims);
    }

    public ReadOnlySpan<long> AsSpan() => _dims;

    public IEnumerator<long> GetEnumerator() => ((IEnumerable<long>)_dims).GetEnumerator();

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

    public bool Equals(TensorShape? other) => other is not null && _dims.AsSpan().SequenceEqual(other._dims);

    public override bool Equals(object? obj) => Equals(obj as TensorShape);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var d in _dims) hash.Add(d);
        return hash.ToHashCode();
    }

    /// <summary>"[1024, 64]", as error messages and logs write shapes.</summary>
    public override string ToString() => Format(_dims);

    private static string Format(ReadOnlySpan<long> dims) => "[" + string.Join(", ", dims.ToArray()) + "]";

    private static long Product(ReadOnlySpan<long> dims)
    {
        long n = 1;
        foreach (var d in dims) n = checked(n * d);
        return n;
    }
}
