namespace VocabTrim.Tokenizers;

/// <summary>A tokenizer with the file it came from; the hash ties counts and keep lists to that exact file.</summary>
public sealed record LoadedTokenizer(ITokenizer Tokenizer, string Path, TokenizerFileKind Kind, string Sha256);
