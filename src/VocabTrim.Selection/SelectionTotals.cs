namespace VocabTrim.Selection;

/// <summary>Sizes of the kept set and of its parts.</summary>
/// <param name="TokenizerPieces">Pieces in the original tokenizer.</param>
/// <param name="Kept">Pieces kept.</param>
/// <param name="Specials">Kept because they are special (control, unknown, user-defined, byte, unused).</param>
/// <param name="ByQuotas">Ordinary pieces selected by at least one language quota.</param>
/// <param name="OverallOnly">Ordinary pieces selected by the overall top-K and by no quota.</param>
/// <param name="OverallSelected">Pieces the overall top-K selected (K, or fewer when fewer occurred).</param>
/// <param name="SentinelsDropped">
/// Sentinels (<c>&lt;extra_id_K&gt;</c>) the special-token policy left out; they are not in
/// <paramref name="Specials"/>.
/// </param>
public sealed record SelectionTotals(int TokenizerPieces, int Kept, int Specials, int ByQuotas, int OverallOnly,
    int OverallSelected,
    int SentinelsDropped = 0);
