using System.Security.Cryptography;
using VocabTrim.Tokenizers.Bpe;
using VocabTrim.Tokenizers.SentencePiece;

namespace VocabTrim.Tokenizers;

/// <summary>
/// Opens whichever tokenizer file a model ships: <c>spiece.model</c> (mT5/mT0) or <c>tokenizer.json</c>
/// (BLOOM/BLOOMZ). The kind is decided by content, since a JSON document always starts with '{' after
/// optional whitespace and a SentencePiece model (protobuf) never does; the extension only has to agree.
/// </summary>
public static class TokenizerFile
{
    /// <summary>Names tried, in order, when a model folder is given: spiece.model first, because mT0
    /// folders also carry a Unigram tokenizer.json that only the SentencePiece reader handles.</summary>
    public static IReadOnlyList<string> FileNames { get; } = ["spiece.model", "tokenizer.json"];

    /// <summary>The tokenizer file <see cref="Load"/> reads from the model folder <paramref name="folder"/>, or null.</summary>
    public static string? FindIn(string folder) =>
        FileNames.Select(n => System.IO.Path.Combine(folder, n)).FirstOrDefault(File.Exists);

    public static LoadedTokenizer Load(string path)
    {
        if (Directory.Exists(path))
        {
            var found = FindIn(path)
                ?? throw new TokenizerFormatException(path, $"the folder has no tokenizer file ({string.Join(" or ", FileNames)})");
            path = found;
        }
        byte[] bytes;
        try { bytes = File.ReadAllBytes(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        { throw new TokenizerFormatException(path, $"cannot read the file: {e.Message}"); }

        var kind = Detect(bytes, path);
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(bytes));
        ITokenizer tokenizer = kind switch
        {
            TokenizerFileKind.HuggingFaceJson => BpeTokenizer.Load(new MemoryStream(bytes, writable: false), path),
            _ => SentencePieceTokenizer.FromModel(SentencePieceModel.Parse(bytes, path)),
        };
        return new LoadedTokenizer(tokenizer, path, kind, sha256) { Bytes = bytes };
    }

    public static TokenizerFileKind Detect(ReadOnlySpan<byte> bytes, string path)
    {
        var content = LooksLikeJson(bytes) ? TokenizerFileKind.HuggingFaceJson : TokenizerFileKind.SentencePiece;
        var extension = System.IO.Path.GetExtension(path).ToLowerInvariant();
        TokenizerFileKind? byName = extension switch
        {
            ".json" => TokenizerFileKind.HuggingFaceJson,
            ".model" => TokenizerFileKind.SentencePiece,
            _ => null,
        };
        if (bytes.IsEmpty) throw new TokenizerFormatException(path, "the file is empty");
        if (byName is { } named && named != content)
            throw new TokenizerFormatException(path, named == TokenizerFileKind.HuggingFaceJson
                ? "named .json but it is not JSON (a SentencePiece model? name it spiece.model)"
                : "named .model but it holds JSON (a Hugging Face tokenizer? name it tokenizer.json)");
        return content;
    }

    private static bool LooksLikeJson(ReadOnlySpan<byte> bytes)
    {
        if (bytes.StartsWith("\uFEFF"u8)) bytes = bytes[3..];
        foreach (var b in bytes)
        {
            if (b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n') continue;
            return b == (byte)'{';
        }
        return false;
    }
}
