namespace VocabTrim.Tokenizers.SentencePiece;

/// <summary>
/// SentencePiece's optimized unigram Viterbi over normalized UTF-8 bytes, reproducing its
/// arithmetic exactly: path scores are stored as float, but a piece's candidate is summed and
/// compared in double (a user-defined piece scores <c>(float)(length * maxScore) - 0.1</c>); a
/// character no piece covers becomes one unknown node scored <c>minScore - 10</c>, summed in float.
/// The reference keeps the first of equal candidates (strict <c>&gt;</c>), and so does this.
/// </summary>
internal sealed class UnigramLattice
{
    private readonly UnigramVocabulary _vocab;
    private float[] _score = new float[64];
    private int[] _startsAt = new int[64];
    private int[] _id = new int[64];

    public UnigramLattice(UnigramVocabulary vocab) => _vocab = vocab;

    /// <summary>The smallest gap between two compared candidates, and the largest score magnitude seen.</summary>
    public float MinMargin { get; private set; }
    public float MaxMagnitude { get; private set; }

    /// <summary>
    /// Segments <paramref name="text"/> starting from path score <paramref name="startScore"/> and appends
    /// (id, byte length) tokens to <paramref name="tokens"/>. Returns the best path's final score.
    /// </summary>
    public float Segment(ReadOnlySpan<byte> text, float startScore, List<Token> tokens)
    {
        var size = text.Length;
        if (_score.Length < size + 1)
        {
            var n = Math.Max(size + 1, _score.Length * 2);
            _score = new float[n];
            _startsAt = new int[n];
            _id = new int[n];
        }
        Array.Fill(_startsAt, -1, 0, size + 1);
        _score[0] = startScore;
        var minMargin = float.PositiveInfinity;
        var maxMagnitude = Math.Abs(startScore);
        var trie = _vocab.Trie;
        var maxScore = _vocab.MaxScore;
        var unkScore = _vocab.UnknownScore;

        var startsAt = 0;
        while (startsAt < size)
        {
            var tillHere = _score[startsAt];
            var hasSingleNode = false;
            var charLength = Math.Min(Utf8Char.LengthFromLeadByte(text[startsAt]), size - startsAt);
            var state = PieceTrie.Root;
            for (var keyPos = startsAt; keyPos < size;)
            {
                state = trie.Next(state, text[keyPos]);
                keyPos++;
                if (state < 0) break;
                var id = trie.ValueAt(state);
                if (id < 0) continue;
                var info = _vocab.Lookup(id);
                if (info.IsUnused) continue;
                var length = keyPos - startsAt;
                // The reference's score is a double (its ternary mixes the double user-defined bonus
                // with the float piece score), so candidates are summed and compared in double and
                // only the winner is stored as float.
                var score = info.IsUserDefined ? (double)((float)length * maxScore) - 0.1 : info.Score;
                var exact = score + tillHere;
                var candidate = (float)exact;
                bool better;
                if (_startsAt[keyPos] == -1) better = true;
                else
                {
                    minMargin = Math.Min(minMargin, (float)Math.Abs(exact - _score[keyPos]));
                    better = exact > _score[keyPos];
                }
                maxMagnitude = Math.Max(maxMagnitude, Math.Abs(candidate));
                if (better)
                {
                    _score[keyPos] = candidate;
                    _startsAt[keyPos] = startsAt;
                    _id[keyPos] = id;
                }
                if (length == charLength) hasSingleNode = true;
            }
            if (!hasSingleNode)
            {
                var end = startsAt + charLength;
                var candidate = unkScore + tillHere;
                bool better;
                if (_startsAt[end] == -1) better = true;
                else
                {
                    minMargin = Math.Min(minMargin, Math.Abs(candidate - _score[end]));
                    better = candidate > _score[end];
                }
                maxMagnitude = Math.Max(maxMagnitude, Math.Abs(candidate));
                if (better)
                {
                    _score[end] = candidate;
                    _startsAt[end] = startsAt;
                    _id[end] = _vocab.UnknownId;
                }
            }
            startsAt += charLength;
        }

        MinMargin = minMargin;
        MaxMagnitude = maxMagnitude;
        var first = tokens.Count;
        for (var endsAt = size; endsAt > 0; endsAt = _startsAt[endsAt])
            tokens.Add(new Token(_id[endsAt], endsAt - _startsAt[endsAt]));
        tokens.Reverse(first, tokens.Count - first);
        return size == 0 ? startScore : _score[size];
    }
}

/// <summary>
/// A lattice result: a piece id (possibly the unknown id) covering <see cref="Length"/> normalized bytes.
/// </summary>
internal readonly record struct Token(int Id, int Length);
