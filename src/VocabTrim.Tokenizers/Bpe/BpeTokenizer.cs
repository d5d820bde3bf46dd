using System.Text.Json;

namespace VocabTrim.Tokenizers.Bpe;

/// <summary>
/// An exact Hugging Face BPE tokenizer read from <c>tokenizer.json</c>: byte-level BPE after a regex split
/// (BLOOM, Llama 3, Qwen) or SentencePiece-style BPE with byte fallback (Gemma, Llama 2). Ids are identical
/// to the reference <c>tokenizers</c> library's, encoded without special tokens. Parts of the file it does
/// not implement are rejected with their JSON path (docs/tokenizers.md lists what is read).
/// </summary>
public sealed class BpeTokenizer : ITokenizer
{
    private readonly PieceKind[] _kinds;
    private readonly ThreadLocal<BpeSentenceEncoder> _encoders;

    public BpeModel Model { get; }
    public AddedVocabulary AddedVocabulary { get; }
    public PreTokenizer PreTokenizer { get; }
    public Normalizer Normalizer { get; }
    public PostProcessor PostProcessor { get; }
    public TokenDecoder Decoder { get; }

    /// <summary>Where the tokenizer was read from, for messages.</summary>
    public string Source { get; }

    public string Family => "huggingface-bpe";

    public int PieceCount { get; }

    /// <summary>
    /// The unknown token's id, or -1: the model's <c>unk_token</c>, else a special added <c>&lt;unk&gt;</c>.
    /// </summary>
    public int UnknownId { get; }

    private BpeTokenizer(JsonElement root, string source)
    {
        Source = source;
        if (root.ValueKind != JsonValueKind.Object) throw new TokenizerFormatException("$", "expected a JSON object");
        Normalizer = Normalizer.Parse(root, "normalizer");
        JsonRead.RequireAbsentOrNull(
            root, "truncation", "$", "truncation would cut sentences while counting; set it to null");
        Model = BpeModel.Parse(JsonRead.Required(root, "model", "$"), "model");
        AddedVocabulary = AddedVocabulary.Parse(root, Model, "added_tokens");
        PreTokenizer = PreTokenizer.Parse(root, "pre_tokenizer");
        PostProcessor = PostProcessor.Parse(root, "post_processor");
        Decoder = TokenDecoder.Parse(root, "decoder");
        PieceCount = Math.Max(
            Model.VocabSize, AddedVocabulary.Tokens.Count == 0 ? 0 : AddedVocabulary.Tokens.Max(t => t.Id) + 1);
        if (PostProcessor.Before.Concat(PostProcessor.After).FirstOrDefault(id => id >= PieceCount, -1)
            is var outside and >= 0)
            throw new TokenizerFormatException(
                "post_processor", $"adds id {outside}, outside the vocabulary of {PieceCount} tokens");
        UnknownId = Model.UnknownId >= 0 ? Model.UnknownId
            : AddedVocabulary.Tokens.FirstOrDefault(t => t.Special && t.Content == "<unk>")?.Id ?? -1;
        _kinds = ClassifyPieces();
        _encoders = new ThreadLocal<BpeSentenceEncoder>(() => new BpeSentenceEncoder(this));
    }

    public static BpeTokenizer Load(string path)
    {
        using var stream = File.OpenRead(path);
        return Load(stream, path);
    }

    public static BpeTokenizer Load(Stream stream, string source)
    {
        JsonDocument doc;
        try { doc = JsonDocument.Parse(stream, new JsonDocumentOptions { MaxDepth = 256 }); }
        catch (JsonException e) { throw new TokenizerFormatException(source, $"not valid JSON: {e.Message}"); }
        using (doc)
        {
            try { return new BpeTokenizer(doc.RootElement, source); }
            catch (TokenizerFormatException e)
            {
                throw new TokenizerFormatException($"{source}: {e.Path}", e.Message[(e.Path.Length + 2)..]);
            }

        }
    }

    public static BpeTokenizer FromJson(string json, string source = "tokenizer.json")
    {
        using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(json));
        return Load(stream, source);
    }

    public string PieceAt(int id)
    {
        if (AddedVocabulary.TryGet(id, out var added)) return added.Content;
        return (uint)id < (uint)Model.VocabSize ? Model.Tokens[id] : throw new ArgumentOutOfRangeException(nameof(id));
    }

    public PieceKind KindOf(int id) => _kinds[id];

    public int[] Encode(string text)
    {
        var ids = new List<int>();
        _encoders.Value!.Encode(text, ids);
        return [.. ids];
    }

    /// <summary>
    /// Encodes like the reference with <c>add_special_tokens</c>: the post-processor's tokens around the text.
    /// </summary>
    public int[] EncodeWithSpecialTokens(string text)
    {
        var ids = new List<int>();
        _encoders.Value!.Encode(text, ids);
        PostProcessor.Apply(ids);
        return [.. ids];
    }

    /// <summary>Decodes like the reference's <c>decode(ids, skip_special_tokens: true)</c>.</summary>
    public string Decode(IEnumerable<int> ids) =>
        Decoder.Decode(ids.Where(id => !(AddedVocabulary.TryGet(id, out var t) && t.Special)).Select(PieceAt));

    public ISentenceEncoder CreateEncoder() => new BpeSentenceEncoder(this);

    private PieceKind[] ClassifyPieces()
    {
        var kinds = new PieceKind[PieceCount];
        for (var id = 0; id < Model.VocabSize; id++)
        {
            var token = Model.Tokens[id];
            var isByte = PreTokenizer.ByteLevel
                ? token.Length == 1 && ByteLevelAlphabet.TryGetByte(token[0], out _)
                : Model.ByteFallback && ByteFallbackPiece.TryParse(token, out var b)
                    && token == ByteFallbackPiece.Of(b);
            if (isByte) kinds[id] = PieceKind.Byte;
        }
        foreach (var t in AddedVocabulary.Tokens)
            kinds[t.Id] = t.Special ? PieceKind.Control : PieceKind.UserDefined;
        if (UnknownId >= 0) kinds[UnknownId] = PieceKind.Unknown;
        return kinds;
    }
}
