using VocabTrim.Tokenizers;
using VocabTrim.Tokenizers.SentencePiece;
using ModelType = VocabTrim.Tokenizers.SentencePiece.Proto.TrainerSpec.Types.ModelType;

namespace VocabTrim.Counting;

/// <summary>
/// The pieces and piece kinds of a tokenizer together with its identity: all that counts files and
/// selection need, without an encoder.
/// </summary>
public sealed class TokenizerVocabulary
{
    private readonly string[] _pieces;
    private readonly PieceKind[] _kinds;

    public TokenizerVocabulary(TokenizerInfo info, IReadOnlyList<string> pieces, IReadOnlyList<PieceKind> kinds)
    {
        if (pieces.Count != info.PieceCount || kinds.Count != info.PieceCount)
            throw new ArgumentException(
                $"{info.PieceCount} pieces announced, {pieces.Count} pieces and {kinds.Count} kinds given");
        Info = info;
        _pieces = [.. pieces];
        _kinds = [.. kinds];
    }

    public TokenizerInfo Info { get; }

    public int Count => _pieces.Length;

    public string PieceAt(int id) => _pieces[id];

    public PieceKind KindOf(int id) => _kinds[id];

    /// <summary>
    /// Reads the tokenizer file at <paramref name="path"/>: a SentencePiece model or a Hugging Face tokenizer.json.
    /// </summary>
    public static TokenizerVocabulary Load(string path)
    {
        byte[] bytes;
        try { bytes = File.ReadAllBytes(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        { throw new TokenizerFormatException(path, $"cannot read the file: {e.Message}"); }
        // Any SentencePiece model has a vocabulary, even the types vocabtrim cannot encode with.
        if (TokenizerFile.Detect(bytes, path) == TokenizerFileKind.SentencePiece)
            return Of(SentencePieceModel.Parse(bytes, path), path);
        var loaded = TokenizerFile.Load(path);
        return Of(loaded.Tokenizer, path, loaded.Sha256);
    }

    public static TokenizerVocabulary Of(SentencePieceModel model, string path)
    {
        var n = model.PieceCount;
        var pieces = new string[n];
        var kinds = new PieceKind[n];
        for (var id = 0; id < n; id++)
        {
            pieces[id] = model.PieceAt(id);
            kinds[id] = model.KindOf(id);
        }
        // The model writes back the bytes it was read from, so this is the SHA-256 of the file.
        var info = new TokenizerInfo(System.IO.Path.GetFullPath(path), model.Sha256(), FamilyOf(model), n);
        return new TokenizerVocabulary(info, pieces, kinds);
    }

    public static TokenizerVocabulary Of(ITokenizer tokenizer, string path, string sha256)
    {
        var n = tokenizer.PieceCount;
        var pieces = new string[n];
        var kinds = new PieceKind[n];
        for (var id = 0; id < n; id++)
        {
            pieces[id] = tokenizer.PieceAt(id);
            kinds[id] = tokenizer.KindOf(id);
        }
        return new TokenizerVocabulary(
            new TokenizerInfo(System.IO.Path.GetFullPath(path), sha256, tokenizer.Family, n), pieces, kinds);
    }

    private static string FamilyOf(SentencePieceModel model) => model.ModelType switch
    {
        ModelType.Unigram => "sentencepiece-unigram",
        ModelType.Bpe => "sentencepiece-bpe",
        ModelType.Word => "sentencepiece-word",
        ModelType.Char => "sentencepiece-char",
        var other => $"sentencepiece-{other.ToString().ToLowerInvariant()}",
    };
}
