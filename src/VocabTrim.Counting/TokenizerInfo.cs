namespace VocabTrim.Counting;

/// <summary>Identifies the tokenizer that counts and keep lists refer to; the SHA-256 is what is compared.</summary>
/// <param name="Path">Full path of the tokenizer file when it was used.</param>
/// <param name="Sha256">SHA-256 of the tokenizer file, lowercase hex.</param>
/// <param name="Family">Tokenizer family, e.g. <c>sentencepiece-unigram</c>.</param>
/// <param name="PieceCount">Number of vocabulary entries.</param>
public sealed record TokenizerInfo(string Path, string Sha256, string Family, int PieceCount);
