using System.Text;

namespace VocabTrim.Tokenizers.Bpe;

/// <summary>
/// Encodes sentences on one thread: added tokens first, then pre-tokenization, then BPE per piece
/// through a cache of pieces already seen. Pre-tokens are short and Zipfian, so nearly every piece
/// after the first few thousand sentences is a cache hit.
/// </summary>
internal sealed class BpeSentenceEncoder : ISentenceEncoder
{
    private const int MaxCachedPieces = 1 << 20;
    // Longer pieces are rare in byte-level tokenizers, and SentencePiece-style ones (Gemma, Llama 2) make
    // whole sentences one piece, which would fill the cache with entries that never hit.
    private const int MaxCachedPieceLength = 64;

    private readonly BpeTokenizer _tokenizer;
    private readonly BpeWordMerger _merger;
    private readonly Dictionary<string, int[]> _cache = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int[]>.AlternateLookup<ReadOnlySpan<char>> _cacheBySpan;
    private readonly List<(TextSlice Slice, int Id)> _parts = [];
    private readonly List<(TextSlice Slice, int Id)> _normalizedParts = [];
    private readonly List<TextSlice> _pieces = [];
    private readonly List<TextSlice> _scratch = [];
    private readonly List<TextSlice> _gpt2Pieces = [];
    private readonly List<(int, int)> _matches = [];
    private readonly List<int> _pieceIds = [];
    private byte[] _utf8 = new byte[256];
    private char[] _mapped = new char[256];

    public BpeSentenceEncoder(BpeTokenizer tokenizer)
    {
        _tokenizer = tokenizer;
        _merger = new BpeWordMerger(tokenizer.Model);
        _cacheBySpan = _cache.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public void Encode(ReadOnlySpan<byte> utf8, List<int> ids) => Encode(Encoding.UTF8.GetString(utf8), ids);

    public void Encode(string text, List<int> ids)
    {
        if (text.Length == 0) return;
        var added = _tokenizer.AddedVocabulary;
        _parts.Clear();
        added.Original.Split(text, new TextSlice(0, text.Length), _parts);
        foreach (var (slice, id) in _parts)
        {
            if (id >= 0)
            {
                ids.Add(id);
                continue;
            }
            // Each stretch between added tokens is normalized on its own, as in the reference.
            var normalized = text;
            var stretch = slice;
            if (!_tokenizer.Normalizer.IsIdentity)
            {
                normalized = _tokenizer.Normalizer.Normalize(text.Substring(slice.Start, slice.Length));
                stretch = new TextSlice(0, normalized.Length);
            }
            if (added.Normalized.IsEmpty)
            {
                if (stretch.Length > 0) EncodeText(normalized, stretch, ids);
                continue;
            }
            _normalizedParts.Clear();
            added.Normalized.Split(normalized, stretch, _normalizedParts);
            foreach (var (inner, innerId) in _normalizedParts)
            {
                if (innerId >= 0) ids.Add(innerId);
                else EncodeText(normalized, inner, ids);
            }
        }
    }

    private void EncodeText(string text, TextSlice slice, List<int> ids)
    {
        var pre = _tokenizer.PreTokenizer;
        _pieces.Clear();
        _pieces.Add(slice);
        pre.Split(text, _pieces, _scratch, _matches);
        foreach (var piece in _pieces)
        {
            // ByteLevel's prefix space is put in before its own split, so that split sees it.
            if (pre.AddPrefixSpace && text[piece.Start] != ' ')
            {
                var prefixed = string.Concat(" ", text.AsSpan(piece.Start, piece.Length));
                EncodeByteLevelPieces(prefixed, new TextSlice(0, prefixed.Length), ids);
            }
            else
            {
                EncodeByteLevelPieces(text, piece, ids);
            }
        }
    }

    private void EncodeByteLevelPieces(string text, TextSlice piece, List<int> ids)
    {
        if (!_tokenizer.PreTokenizer.Gpt2Split)
        {
            EncodePiece(text.AsSpan(piece.Start, piece.Length), ids);
            return;
        }
        _gpt2Pieces.Clear();
        Gpt2Splitter.Split(text, piece, _gpt2Pieces);
        foreach (var p in _gpt2Pieces) EncodePiece(text.AsSpan(p.Start, p.Length), ids);
    }

    private void EncodePiece(ReadOnlySpan<char> span, List<int> ids)
    {
        if (_cacheBySpan.TryGetValue(span, out var cached))
        {
            ids.AddRange(cached);
            return;
        }
        _pieceIds.Clear();
        _merger.Encode(ModelInput(span), _pieceIds);
        ids.AddRange(_pieceIds);
        if (span.Length <= MaxCachedPieceLength)
        {
            // Cleared wholesale when full: simple, and the frequent pieces come straight back.
            if (_cache.Count >= MaxCachedPieces) _cache.Clear();
            _cache[span.ToString()] = [.. _pieceIds];
        }
    }

    /// <summary>What the model sees for a piece: its byte-level characters when the tokenizer is byte level.</summary>
    private ReadOnlySpan<char> ModelInput(ReadOnlySpan<char> piece)
    {
        if (!_tokenizer.PreTokenizer.ByteLevel) return piece;
        var needed = Encoding.UTF8.GetMaxByteCount(piece.Length);
        if (_utf8.Length < needed) _utf8 = new byte[needed * 2];
        var length = Encoding.UTF8.GetBytes(piece, _utf8);
        if (_mapped.Length < length) _mapped = new char[length * 2];
        for (var i = 0; i < length; i++) _mapped[i] = ByteLevelAlphabet.CharOf(_utf8[i]);
        return _mapped.AsSpan(0, length);
    }
}
