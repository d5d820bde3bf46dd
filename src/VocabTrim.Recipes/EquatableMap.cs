using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace VocabTrim.Recipes;

/// <summary>
/// A read-only map with string keys that keeps the order it was given in (the order a recipe lists them
/// and is written back in) and is equal to another with the same entries in the same order.
/// </summary>
public sealed class EquatableMap<TValue> : IReadOnlyDictionary<string, TValue>, IEquatable<EquatableMap<TValue>>
{
    private readonly KeyValuePair<string, TValue>[] _entries;
    private readonly Dictionary<string, TValue> _index;

    /// <exception cref="ArgumentException">A key is given twice.</exception>
    public EquatableMap(IEnumerable<KeyValuePair<string, TValue>> entries)
    {
        _entries = [.. entries];
        _index = new Dictionary<string, TValue>(StringComparer.Ordinal);
        foreach (var (key, value) in _entries) _index.Add(key, value);
    }

    public static EquatableMap<TValue> Empty { get; } = new([]);

    public TValue this[string key] => _index[key];

    public IEnumerable<string> Keys => _entries.Select(e => e.Key);

    public IEnumerable<TValue> Values => _entries.Select(e => e.Value);

    public int Count => _entries.Length;

    public bool ContainsKey(string key) => _index.ContainsKey(key);

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out TValue value) => _index.TryGetValue(key, out value);

    public IEnumerator<KeyValuePair<string, TValue>> GetEnumerator() =>
        ((IEnumerable<KeyValuePair<string, TValue>>)_entries).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public bool Equals(EquatableMap<TValue>? other) => other is not null && Pairs().SequenceEqual(other.Pairs());

    private IEnumerable<(string, TValue)> Pairs() => _entries.Select(e => (e.Key, e.Value));

    public override bool Equals(object? obj) => Equals(obj as EquatableMap<TValue>);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var (key, value) in _entries)
        {
            hash.Add(key);
            hash.Add(value);
        }
        return hash.ToHashCode();
    }

    public override string ToString() => $"{{{string.Join(", ", _entries.Select(e => $"{e.Key}: {e.Value}"))}}}";
}
