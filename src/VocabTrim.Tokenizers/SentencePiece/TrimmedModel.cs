namespace VocabTrim.Tokenizers.SentencePiece;

/// <summary>A trimmed SentencePiece model and what trimming had to do beyond dropping pieces.</summary>
/// <param name="PlaceholderIds">
/// Kept ids beyond the original pieces (checkpoint padding rows) that got an unused placeholder piece.
/// </param>
/// <param name="RemappedSpecialIds">trainer_spec ids that moved, e.g. "unk_id 2 → 5".</param>
/// <param name="DroppedSelfTestSamples">Self-test samples removed because they use a dropped piece.</param>
public sealed record TrimmedModel(
    SentencePieceModel Model,
    IReadOnlyList<int> PlaceholderIds,
    IReadOnlyList<string> RemappedSpecialIds,
    int DroppedSelfTestSamples);
