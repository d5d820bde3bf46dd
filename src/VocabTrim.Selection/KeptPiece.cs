using VocabTrim.Tokenizers;

namespace VocabTrim.Selection;

/// <summary>One kept piece and why it was kept.</summary>
/// <param name="Id">Its id in the original tokenizer.</param>
/// <param name="Special">Its kind when it was kept for being special; null for ordinary pieces.</param>
/// <param name="Top">The languages whose quota selected it.</param>
/// <param name="Overall">Whether the overall top-K selected it.</param>
/// <param name="Counts">Its count in each language of the rule.</param>
public sealed record KeptPiece(
    int Id,
    string Piece,
    IReadOnlyList<string> Top,
    bool Overall,
    IReadOnlyDictionary<string, long> Counts,
    PieceKind? Special = null);
