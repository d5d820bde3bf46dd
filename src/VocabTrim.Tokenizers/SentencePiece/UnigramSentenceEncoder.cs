using System.Runtime.InteropServices;

namespace VocabTrim.Tokenizers.SentencePiece;

/// <summary>
/// Encodes sentences on one thread: normalize, segment word by word through the cache, and turn
/// unknown tokens into byte pieces (byte fallback) or merge runs of them into one (no byte fallback).
/// </summary>
internal sealed class UnigramSentenceEncoder : ISentenceEncoder
{
    // A cached word is reused only if every decision in its lattice won by more than the float
    // rounding that a path score of the sentence's size could introduce. Otherwise the sentence is
    // segmented whole, which is the reference's own computation.
    private const float RoundingPerOperation = 1f / (1 << 22);

    private readonly UnigramVocabulary _vocab;
    private readonly SentencePieceNormalizer _normalizer;
    private readonly UnigramLattice _lattice;
    private readonly WordCache _cache = new();
    private readonly ByteBuffer _normalized = new();
    private readonly List<Token> _tokens = [];
    private readonly List<int> _wordIds = [];

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
        var start = ids.Count;
        if (_vocab.SplitsAtSpaceSymbol && TryEncodeByWords(text, ids)) return;
        ids.RemoveRange(start, ids.Count - start);
        _tokens.Clear();
        _lattice.Segment(text, 0f, _tokens);
        Emit(text, _tokens, ids);
    }

    /// <returns>False when some word's cached segmentation might not hold at this path score.</returns>
    private bool TryEncodeByWords(ReadOnlySpan<byte> text, List<int> ids)
    {
        var space = SentencePieceNormalizer.SpaceSymbol;
        var unknown = _vocab.UnknownId;
        var pathScore = 0f;
        var pos = 0;
        while (pos < text.Length)
        {
            var next = text[(pos + 1)..].IndexOf(space);
            next = next < 0 ? text.Length : pos + 1 + next;
            var word = text[pos..next];
            if (!_cache.TryGet(word, out var entry)) entry = Segment(word);
            var tolerance = (2 * word.Length + 4) * (Math.Abs(pathScore) + entry.MaxMagnitude + 1)
                * RoundingPerOperation;
            if (!(entry.MinMargin > tolerance)) return false;
            var wordIds = _cache.IdsOf(entry);
            // Without byte fallback, an unknown run continuing from the previous word merges into it.
            if (!_vocab.ByteFallback && wordIds.Length > 0 && wordIds[0] == unknown && ids.Count > 0
                && ids[^1] == unknown)
                wordIds = wordIds[1..];
            ids.AddRange(wordIds);
            pathScore += entry.Score;
            pos = next;
        }
        return true;
    }

    private WordCache.Entry Segment(ReadOnlySpan<byte> word)
    {
        _tokens.Clear();
        var score = _lattice.Segment(word, 0f, _tokens);
        _wordIds.Clear();
        Emit(word, _tokens, _wordIds);
        return _cache.Add(word, CollectionsMarshal.AsSpan(_wordIds), score, _lattice.MinMargin, _lattice.MaxMagnitude);
    }

    private void Emit(ReadOnlySpan<byte> text, List<Token> tokens, List<int> ids)
    {
        var unknown = _vocab.UnknownId;
        var pos = 0;
        var previousWasUnknown = false;
        foreach (var token in tokens)
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
