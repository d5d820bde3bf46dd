using VocabTrim.Tokenizers;
using VocabTrim.Tokenizers.SentencePiece;

namespace VocabTrim.Inference.Generation;

/// <summary>
/// Text ↔ ids for a model folder, through the project's own tokenizers. mT5 prompts end with eos, as
/// T5Tokenizer adds it; decoder-only prompts (BLOOM, Llama: tokenizer.json) get nothing added. A folder without a
/// tokenizer has no codec and takes ids.
/// </summary>
public sealed class PromptCodec(ITokenizer tokenizer, ILanguageModel model)
{
    /// <summary>The SentencePiece model files looked for in a model folder.</summary>
    public static IReadOnlyList<string> TokenizerFileNames { get; } = ["spiece.model", "sentencepiece.bpe.model",
        "tokenizer.model"];

    public ITokenizer Tokenizer => tokenizer;

    /// <summary>A codec for the folder's tokenizer, or null when it has none this project can read.</summary>
    public static PromptCodec? TryLoad(string folder, ILanguageModel model)
    {
        foreach (var name in TokenizerFileNames)
        {
            var path = Path.Combine(folder, name);
            if (File.Exists(path)) return new PromptCodec(SentencePieceTokenizer.Load(path), model);
        }
        var json = Path.Combine(folder, "tokenizer.json");
        return File.Exists(json) ? new PromptCodec(TokenizerFile.Load(json).Tokenizer, model) : null;
    }

    public long[] Encode(string prompt)
    {
        var ids = tokenizer.Encode(prompt).Select(i => (long)i);
        return model.IsEncoderDecoder ? [.. ids, model.EosTokenId] : [.. ids];
    }

    /// <summary>Text of generated ids without eos and padding.</summary>
    public string Decode(IEnumerable<long> ids) =>
        tokenizer.Decode(ids.Where(i => !model.EosTokenIds.Contains(i) && i != model.PadTokenId
            && i < tokenizer.PieceCount).Select(i => (int)i));
}
