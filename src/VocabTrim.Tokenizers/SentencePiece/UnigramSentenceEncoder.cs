namespace VocabTrim.Tokenizers.SentencePiece;

/// <summary>
/// Encodes sentences on one thread: normalize, segment word by word through the cache, then turn
/// unknown tokens into byte pieces (byte fallback) or merge runs of them into one (no byte fallback).
/// </summary>
internal sealed class UnigramSentenceEncoder : ISentenceEncoder
{
    // A cached word's segmentation is reused only if every decision in its lattice won by more than
    // the float rounding that a path score of this size could introduce; otherwise the word is
    // segmented again from the actual path score, exactly as the reference does over the whole sentence.
    private const float RoundingPerOperation = 1f / (1 << 22);

    private readonly UnigramVocabulary _vocab;
    private readonly SentencePieceNormalizer _normalizer;
    private readonly UnigramLattice _lattice;
    private readonly WordCache _cache = new();
    private readonly ByteBuffer _normalized = new();
    private readonly List<Token> _tokens = [];
    private readonly List<Token> _scratch = [];

    public UnigramSentenceEncoder(UnigramVocabulary vocab, SentencePieceNormalizer normalizer)
    {
        _vocab = vocab;
        _normalizer = normalizer;
        _lattice = new UnigramLattice(vocab);
    }

    public void Encode(ReadOnlySpan<byte> utf8, List<int> ids)
    {
        _normalizer.Normalize(utf8, _normalized);
        var text = _normalized.Span;
        if (text.IsEmpty) return;
        _tokens.Clear();
        if (_vocab.SplitsAtSpaceSymbol) SegmentByWords(text);
        else _lattice.Segment(text, 0f, _tokens);
        Emit(text, ids);
    }

    private void SegmentByWords(ReadOnlySpan<byte> text)
    {
        var space = SentencePieceNormalizer.SpaceSymbol;
        var pathScore = 0f;
        var pos = 0;
        while (pos < text.Length)
        {
            var next = text[(pos + 1)..].IndexOf(space);
            next = next < 0 ? text.Length : pos + 1 + next;
            var word = text[pos..next];
            if (!_cache.TryGet(word, out var entry))
            {
                _scratch.Clear();
                _lattice.Segment(word, 0f, _scratch);
                entry = _cache.Add(word, _scratch, 0, _lattice.MinMargin, _lattice.MaxMagnitude);
            }
            var tolerance = (2 * word.Length + 4) * (Math.Abs(pathScore) + entry.MaxMagnitude + 1) * RoundingPerOperation;
            if (entry.MinMargin > tolerance)
            {
                foreach (var token in _cache.TokensOf(entry))
                {
                    _tokens.Add(token);
                    pathScore = _vocab.AddScore(pathScore, token);
                }
            }
            else
            {
                pathScore = _lattice.Segment(word, pathScore, _tokens);
            }
            pos = next;
        }
    }

    private void Emit(ReadOnlySpan<byte> text, List<int> ids)
    {
        var unknown = _vocab.UnknownId;
        var pos = 0;
        var previousWasUnknown = false;
        foreach (var token in _tokens)
        {
            var isUnknown = token.Id == unknown;
            if (isUnknown && _vocab.ByteFallback)
            {
                foreach (var b in text.Slice(pos, token.Length)) ids.Add(_vocab.ByteIds[b]);
            }
            else if (!(isUnknown && previousWasUnknown))
            {
                ids.Add(token.Id);
            }
            previousWasUnknown = isUnknown;
            pos += token.Length;
        }
    }
}
