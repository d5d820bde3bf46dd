using System.Text;
using VocabTrim.Tokenizers;
using VocabTrim.Tokenizers.SentencePiece;
using PieceType = VocabTrim.Tokenizers.SentencePiece.Proto.ModelProto.Types.SentencePiece.Types.Type;
using Piece = VocabTrim.Tokenizers.SentencePiece.Proto.ModelProto.Types.SentencePiece;

namespace VocabTrim.Synthetic;

/// <summary>
/// Grows a real mT5-derived SentencePiece model to mT5's size (250,100 pieces) with synthetic NORMAL pieces
/// inserted before the trailing sentinels, so the id layout stays mT5's (sentinels last, at 250,000–250,099).
/// Each synthetic piece is the concatenation AB of two existing pieces with a score below score(A) + score(B):
/// the lattice and the trie get as big as mT5's, but a path through AB always loses to A then B, so real text
/// tokenizes as before (only the unknown piece's penalty, which follows the lowest score, moves).
/// Whole-word pieces given as <c>words</c> come first and do win, as a vocabulary of mT5's breadth would.
/// </summary>
public static class Mt5SizedSentencePiece
{
    public const int Mt5Pieces = 250_100;

    private const char Space = '\u2581';

    /// <param name="words">
    /// Words to add first as whole-word pieces (<c>▁word</c>), most frequent first, each scored a little over 1
    /// above the best segmentation the given model has for it: real text then meets a vocabulary of mT5's breadth,
    /// in which frequent words are one piece each, so the pieces a corpus sees and the kept set grow with its
    /// words as on the real mT5 model. Without them real text tokenizes exactly as with the given model.
    /// </param>
    public static SentencePieceModel Extend(
        SentencePieceModel model, int totalPieces = Mt5Pieces, ulong seed = 20250100, IEnumerable<string>? words = null)
    {
        var proto = model.Proto.Clone();
        var pieces = proto.Pieces;
        var sentinels = 0;
        while (sentinels < pieces.Count && pieces[pieces.Count - 1 - sentinels].Type == PieceType.UserDefined)
            sentinels++;
        var toAdd = totalPieces - pieces.Count;
        if (toAdd < 0)
            throw new ArgumentException(
                $"{model.Source} has {pieces.Count:N0} pieces, more than the {totalPieces:N0} asked for",
                nameof(totalPieces));

        var normal = pieces.Where(p => p.Type == PieceType.Normal).ToList();
        // B must not start a word: with split_by_whitespace, real pieces carry ▁ only at their start.
        var tails = normal.Where(p => p.Piece.Length > 0 && p.Piece[0] != Space).ToList();
        if (normal.Count == 0 || tails.Count == 0)
            throw new ArgumentException($"{model.Source} has too few normal pieces to combine", nameof(model));
        var taken = new HashSet<string>(pieces.Select(p => p.Piece), StringComparer.Ordinal);
        var added = new List<Piece>(toAdd);
        if (words is not null) AddWords(model, words, taken, added, toAdd);
        var random = new SplitMix64(seed);
        while (added.Count < toAdd)
        {
            var a = normal[(int)(random.Next() % (ulong)normal.Count)];
            var b = tails[(int)(random.Next() % (ulong)tails.Count)];
            var text = a.Piece + b.Piece;
            if (text.IndexOf(Space, 1) >= 0 || !taken.Add(text)) continue;
            added.Add(new Piece { Piece = text, Score = a.Score + b.Score - 1, Type = PieceType.Normal });
        }
        var insertAt = pieces.Count - sentinels;
        for (var i = 0; i < added.Count; i++) pieces.Insert(insertAt + i, added[i]);
        return model.With(proto);
    }

    // A word's piece wins over every segmentation of it. The best path through the given model scores S(word);
    // another path may start with a new piece for a prefix (▁word in ▁wordy), scoring at most S(prefix) + bonus +
    // the rest ≤ S(word) + the prefix's bonus. The bonus grows with length, so the whole word's piece wins
    // strictly. Words the model cannot spell without byte fallback or unknown pieces are skipped, as are words
    // that normalization would change.
    private static void AddWords(SentencePieceModel model, IEnumerable<string> words, HashSet<string> taken,
        List<Piece> added, int limit)
    {
        var tokenizer = SentencePieceTokenizer.FromModel(model);
        foreach (var word in words)
        {
            if (added.Count >= limit) return;
            if (word.Length == 0 || !word.All(char.IsLetter) || !word.IsNormalized(NormalizationForm.FormKC)) continue;
            var text = Space + word;
            if (taken.Contains(text)) continue;
            var ids = tokenizer.Encode(word);
            if (ids.Length < 2 || ids.Any(id => model.KindOf(id) is not PieceKind.Normal)) continue;
            taken.Add(text);
            var score = ids.Sum(id => model.Proto.Pieces[id].Score) + 1 + word.Length / 1024f;
            added.Add(new Piece { Piece = text, Score = score, Type = PieceType.Normal });
        }
    }
}
