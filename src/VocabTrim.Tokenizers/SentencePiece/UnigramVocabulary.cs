using VocabTrim.Tokenizers.SentencePiece.Proto;
using PieceType = VocabTrim.Tokenizers.SentencePiece.Proto.ModelProto.Types.SentencePiece.Types.Type;

namespace VocabTrim.Tokenizers.SentencePiece;

/// <summary>
/// The encoding view of a unigram model: the trie of pieces the lattice may use (normal,
/// user-defined and unused ones, as in the reference; unused are then skipped), their scores,
/// the unknown piece and its score, and the byte-fallback pieces.
/// </summary>
internal sealed class UnigramVocabulary
{
    private const float UnknownPenalty = 10.0f;

    public readonly record struct PieceInfo(float Score, bool IsUserDefined, bool IsUnused);

    private readonly PieceInfo[] _pieces;

    public PieceTrie Trie { get; }
    public PieceTrie? UserDefinedSymbols { get; }
    public int UnknownId { get; }
    public float MaxScore { get; }
    public float UnknownScore { get; }
    public bool ByteFallback { get; }
    /// <summary>Id of the byte piece <c>&lt;0xXX&gt;</c> for each byte value, when byte fallback is on.</summary>
    public int[] ByteIds { get; } = new int[256];
    /// <summary>
    /// True when no usable piece has <c>▁</c> past its first byte: every path then passes through
    /// each <c>▁</c>, so a sentence splits into words that can be segmented (and cached) one by one.
    /// </summary>
    public bool SplitsAtSpaceSymbol { get; }

    public UnigramVocabulary(ModelProto model, string source)
    {
        var count = model.Pieces.Count;
        _pieces = new PieceInfo[count];
        var keys = new List<(byte[], int)>(count);
        var userDefined = new List<(byte[], int)>();
        var seen = new Dictionary<string, int>(count, StringComparer.Ordinal);
        var unknownId = -1;
        var minScore = float.MaxValue;
        // The reference starts from FLT_MIN (the smallest normal float), so with all scores negative
        // a user-defined piece scores about -0.1 whatever its length.
        var maxScore = 1.17549435e-38f;
        var byteFound = new bool[256];
        var splits = true;
        ByteFallback = model.TrainerSpec?.ByteFallback ?? false;

        for (var id = 0; id < count; id++)
        {
            var piece = model.Pieces[id];
            var text = piece.Piece;
            if (string.IsNullOrEmpty(text))
                throw new TokenizerFormatException(source, $"piece {id} is empty");
            if (!seen.TryAdd(text, id))
                throw new TokenizerFormatException(source,
                    $"piece {id} '{text}' is already defined as piece {seen[text]}");
            var type = piece.Type;
            _pieces[id] = new PieceInfo(piece.Score, type == PieceType.UserDefined, type == PieceType.Unused);
            switch (type)
            {
                case PieceType.Normal:
                    minScore = Math.Min(minScore, piece.Score);
                    maxScore = Math.Max(maxScore, piece.Score);
                    break;
                case PieceType.Unknown:
                    if (unknownId >= 0)
                        throw new TokenizerFormatException(source,
                            $"pieces {unknownId} and {id} are both the unknown piece");
                    unknownId = id;
                    break;
                case PieceType.Byte:
                    if (!ByteFallback)
                        throw new TokenizerFormatException(source,
                            $"byte piece {id} '{text}' found although trainer_spec.byte_fallback is false");
                    var value = ParseBytePiece(text);
                    if (value < 0) throw new TokenizerFormatException(source,
                        $"byte piece {id} '{text}' is not of the form <0xXX>");
                    byteFound[value] = true;
                    ByteIds[value] = id;
                    break;
            }
            if (type is PieceType.Normal or PieceType.UserDefined or PieceType.Unused)
            {
                var bytes = System.Text.Encoding.UTF8.GetBytes(text);
                keys.Add((bytes, id));
                if (type == PieceType.UserDefined) userDefined.Add((bytes, id));
                if (type != PieceType.Unused
                    && bytes.AsSpan(1).IndexOf(SentencePieceNormalizer.SpaceSymbol) >= 0) splits = false;
            }
        }
        if (unknownId < 0) throw new TokenizerFormatException(source, "the model has no unknown piece");
        if (ByteFallback && Array.IndexOf(byteFound, false) >= 0)
            throw new TokenizerFormatException(source,
                $"trainer_spec.byte_fallback is true but byte piece <0x{Array.IndexOf(byteFound, false):X2}> is " +
                "missing");

        UnknownId = unknownId;
        MaxScore = maxScore;
        UnknownScore = minScore - UnknownPenalty;
        SplitsAtSpaceSymbol = splits;
        Trie = PieceTrie.Build(keys);
        UserDefinedSymbols = userDefined.Count > 0 ? PieceTrie.Build(userDefined) : null;
    }

    public PieceInfo Lookup(int id) => _pieces[id];

    public static int ParseBytePiece(string piece)
    {
        if (piece.Length != 6 || !piece.StartsWith("<0x", StringComparison.Ordinal) || piece[5] != '>') return -1;
        return int.TryParse(piece.AsSpan(3, 2), System.Globalization.NumberStyles.AllowHexSpecifier, null,
            out var v) ? v : -1;
    }
}
