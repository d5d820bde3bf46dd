namespace VocabTrim.Tokenizers.Bpe;

/// <summary>
/// An entry of <c>added_tokens</c>: text matched verbatim before any pre-tokenization and given one id.
/// </summary>
/// <param name="Normalized">Matched against the normalized text rather than the original.</param>
public sealed record AddedToken(
    int Id,
    string Content,
    bool Special,
    bool SingleWord = false,
    bool LStrip = false,
    bool RStrip = false,
    bool Normalized = false);
