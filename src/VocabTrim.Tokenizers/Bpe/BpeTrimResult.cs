namespace VocabTrim.Tokenizers.Bpe;

/// <summary>
/// A trimmed <c>tokenizer.json</c> and what trimming did. <see cref="Kept"/> is the final keep list
/// (new id i = old id <c>Kept[i]</c>) that model surgery must use: the request, minus dropped tokens,
/// plus appended ones (forced tokens first, then added parts, each in ascending old id).
/// <see cref="NeverBuilt"/> lists kept Normal tokens that no merge builds, in the original too: the
/// encoder never produces them (unless <c>ignore_merges</c> matches them whole), trimmed or not.
/// <see cref="OriginalPieceCount"/> is the number of tokens before trimming.
/// </summary>
public sealed record BpeTrimResult(
    string Json,
    IReadOnlyList<int> Kept,
    IReadOnlyList<int> ForcedAdded,
    IReadOnlyList<int> PartsAdded,
    IReadOnlyList<int> Dropped,
    int MergesKept,
    int MergesDropped,
    IReadOnlyList<int> NeverBuilt,
    int OriginalPieceCount);
