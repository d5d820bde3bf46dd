namespace VocabTrim.Tokenizers.SentencePiece;

/// <summary>
/// Remembers the segmentation of words (normalized byte strings from one <c>▁</c> to the next) for
/// one thread. News text is Zipfian, so most words are segmented once. Each entry keeps the lattice's
/// smallest decision margin so the caller can tell whether the result holds at another path score.
/// Cleared wholesale when full: simple, and the frequent words come straight back.
/// </summary>
internal sealed class WordCache
{
    /// <param name="Score">The word's best path score when segmented alone, from 0.</param>
    public readonly record struct Entry(int IdStart, int IdCount, float Score, float MinMargin, float MaxMagnitude);

    private const int MaxEntries = 1 << 20;
    private const int MaxKeyBytes = 64 << 20;

    private readonly Dictionary<Key, Entry> _entries;
    private readonly Dictionary<Key, Entry>.AlternateLookup<ReadOnlySpan<byte>> _bySpan;
    private byte[] _keyBytes = new byte[1 << 20];
    private int _keyLength;
    private readonly List<int> _ids = new(1 << 18);

    public WordCache()
    {
        // Sized for the words of a typical corpus so a cold start does not rehash over and over.
        _entries = new Dictionary<Key, Entry>(1 << 16, new KeyComparer(this));
        _bySpan = _entries.GetAlternateLookup<ReadOnlySpan<byte>>();
    }

    public ReadOnlySpan<int> IdsOf(Entry e) =>
        System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_ids).Slice(e.IdStart, e.IdCount);

    public bool TryGet(ReadOnlySpan<byte> word, out Entry entry) => _bySpan.TryGetValue(word, out entry);

    public Entry Add(ReadOnlySpan<byte> word, ReadOnlySpan<int> ids, float score, float minMargin, float maxMagnitude)
    {
        if (_entries.Count >= MaxEntries || _keyLength + word.Length > MaxKeyBytes) Clear();
        if (_keyLength + word.Length > _keyBytes.Length)
            Array.Resize(ref _keyBytes, Math.Max(_keyBytes.Length * 2, _keyLength + word.Length));
        word.CopyTo(_keyBytes.AsSpan(_keyLength));
        var key = new Key(_keyLength, word.Length, Hash(word));
        _keyLength += word.Length;
        var entry = new Entry(_ids.Count, ids.Length, score, minMargin, maxMagnitude);
        _ids.AddRange(ids);
        _entries[key] = entry;
        return entry;
    }

    private void Clear()
    {
        _entries.Clear();
        _ids.Clear();
        _keyLength = 0;
    }

    private static int Hash(ReadOnlySpan<byte> bytes)
    {
        var h = new HashCode();
        h.AddBytes(bytes);
        return h.ToHashCode();
    }

    private ReadOnlySpan<byte> BytesOf(Key k) => _keyBytes.AsSpan(k.Offset, k.Length);

    /// <summary>A stored word: (offset, length) into the key arena, with its hash.</summary>
    private readonly record struct Key(int Offset, int Length, int Hash);

    private sealed class KeyComparer(WordCache owner) : IEqualityComparer<Key>,
        IAlternateEqualityComparer<ReadOnlySpan<byte>, Key>
    {
        public bool Equals(Key a, Key b) =>
            a.Hash == b.Hash && owner.BytesOf(a).SequenceEqual(owner.BytesOf(b));

        public int GetHashCode(Key k) => k.Hash;

        public bool Equals(ReadOnlySpan<byte> probe, Key stored) => probe.SequenceEqual(owner.BytesOf(stored));

        public int GetHashCode(ReadOnlySpan<byte> probe) => Hash(probe);

        public Key Create(ReadOnlySpan<byte> probe) =>
            throw new NotSupportedException("words are added through WordCache.Add");
    }
}
