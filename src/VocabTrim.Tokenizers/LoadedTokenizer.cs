namespace VocabTrim.Tokenizers;

/// <summary>A tokenizer with the file it came from; the hash ties counts and keep lists to that exact file.</summary>
public sealed record LoadedTokenizer(ITokenizer Tokenizer, string Path, TokenizerFileKind Kind, string Sha256)
{
    /// <summary>The file's bytes as read, so later stages (trimming) need not read or hash the file again.</summary>
    public byte[]? Bytes { get; init; }
}
