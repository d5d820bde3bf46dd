using System.Buffers.Binary;

namespace VocabTrim.Tokenizers.SentencePiece;

/// <summary>
/// A normalizer's precompiled charsmap: <c>uint32 trie size</c>, a darts-clone double array mapping
/// source byte sequences to offsets, then a pool of NUL-terminated replacement strings.
/// </summary>
internal sealed class PrecompiledCharsMap
{
    private readonly DartsCloneTrie _trie;
    private readonly byte[] _pool;
    private readonly bool[] _firstByteHasRules = new bool[256];

    private PrecompiledCharsMap(DartsCloneTrie trie, byte[] pool)
    {
        _trie = trie;
        _pool = pool;
        for (var b = 0; b < 256; b++) _firstByteHasRules[b] = trie.HasKeysStartingWith((byte)b);
    }

    public static PrecompiledCharsMap Parse(ReadOnlySpan<byte> blob, string source)
    {
        if (blob.Length <= 4)
            throw new TokenizerFormatException(source,
                "normalizer_spec.precompiled_charsmap is broken: shorter than its size field");
        var trieSize = BinaryPrimitives.ReadUInt32LittleEndian(blob);
        if (trieSize >= blob.Length - 4 + 1 || trieSize % 4 != 0 || trieSize == 0)
            throw new TokenizerFormatException(source,
                $"normalizer_spec.precompiled_charsmap is broken: trie size {trieSize} does not fit a blob of " +
                $"{blob.Length} bytes");
        var units = new uint[trieSize / 4];
        for (var i = 0; i < units.Length; i++) units[i] = BinaryPrimitives.ReadUInt32LittleEndian(blob[(4 + 4 * i)..]);
        var pool = blob[(4 + (int)trieSize)..].ToArray();
        return new PrecompiledCharsMap(new DartsCloneTrie(units), pool);
    }

    public bool MayMatchAt(byte first) => _firstByteHasRules[first];

    /// <summary>
    /// The longest rule matching a prefix of <paramref name="text"/>: its source length (0 if none) and replacement.
    /// </summary>
    public int Match(ReadOnlySpan<byte> text, out ReadOnlySpan<byte> replacement)
    {
        var length = _trie.LongestPrefix(text, out var offset);
        if (length == 0 || (uint)offset >= (uint)_pool.Length)
        {
            replacement = default;
            return 0;
        }
        var rest = _pool.AsSpan(offset);
        var end = rest.IndexOf((byte)0);
        replacement = end < 0 ? rest : rest[..end];
        return length;
    }
}
