using System.Text.Json.Nodes;
using VocabTrim.Selection;
using VocabTrim.Tokenizers;
using VocabTrim.Tokenizers.SentencePiece;

namespace VocabTrim.Surgery.Tokenizers;

/// <summary>
/// T5 / mT5 tokenizers: <c>spiece.model</c> trimmed by <see cref="SentencePieceTrimmer"/>, and the
/// <c>tokenizer_config.json</c> / <c>special_tokens_map.json</c> beside it adjusted to the new ids.
/// </summary>
public sealed class SentencePieceFileTrimmer : ITokenizerFileTrimmer
{
    public const string ModelFile = "spiece.model";
    public const string TokenizerConfig = "tokenizer_config.json";
    public const string SpecialTokensMap = "special_tokens_map.json";

    public string FileName => ModelFile;

    public TrimmedTokenizerFiles Trim(string modelFolder, KeepList keep, LoadedTokenizer? loaded = null)
    {
        var modelPath = Path.Combine(modelFolder, ModelFile);
        var reuse = loaded?.Tokenizer is SentencePieceTokenizer t && LoadedTokenizers.Is(loaded, modelPath)
            ? t.Model
            : null;
        var model = reuse ?? SentencePieceModel.Load(modelPath);
        var trimmed = SentencePieceTrimmer.Trim(model, keep.Ids, keep.TokenizerSha256,
            reuse != null ? loaded!.Sha256 : null);
        var pieces = new HashSet<string>(trimmed.Model.Proto.Pieces.Select(p => p.Piece), StringComparer.Ordinal);
        var remap = new IdRemap(keep.Ids);

        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal) { [ModelFile] = trimmed.Model.ToBytes() };
        var sources = new List<string> { ModelFile };
        var notes = trimmed.RemappedSpecialIds.Select(m => $"{ModelFile} trainer_spec {m}").ToList();
        if (trimmed.DroppedSelfTestSamples > 0)
            notes.Add(
                $"{ModelFile}: dropped {trimmed.DroppedSelfTestSamples} self-test samples that use dropped pieces");

        foreach (var name in new[] { TokenizerConfig, SpecialTokensMap })
        {
            var path = Path.Combine(modelFolder, name);
            if (!File.Exists(path)) continue;
            var json = ModelConfig.ParseObject(path);
            if (json["extra_ids"] is JsonValue e && e.TryGetValue<int>(out var extraIds) && extraIds > 0)
                throw new ModelTrimException(
                    $"{path}: extra_ids is {extraIds}: the tokenizer adds sentinel ids after spiece.model's pieces, " +
                    "which vocabtrim does not trim yet");
            RemapAddedTokens(json, remap, pieces, name, notes);
            DropMissingAdditionalTokens(json, pieces, name, notes);
            files[name] = ModelConfig.Serialize(json);
            sources.Add(name);
        }

        var leftOut = new Dictionary<string, string>(StringComparer.Ordinal);
        if (File.Exists(Path.Combine(modelFolder, TokenizerJsonFileTrimmer.TokenizerJson)))
            leftOut[TokenizerJsonFileTrimmer.TokenizerJson] =
                "it holds the old vocabulary; transformers rebuilds the fast tokenizer from the trimmed spiece.model";
        return new TrimmedTokenizerFiles(files, sources, leftOut, model.PieceCount, trimmed.PlaceholderIds, notes);
    }

    // tokenizer_config.json's added_tokens_decoder is keyed by token id ("0": {"content": "<pad>", ...}).
    internal static void RemapAddedTokens(JsonObject json, IdRemap remap, HashSet<string> pieces, string file,
        List<string> notes)
    {
        if (json["added_tokens_decoder"] is not JsonObject decoder) return;
        var remapped = new JsonObject();
        foreach (var (key, value) in decoder.ToList())
        {
            if (!int.TryParse(key, out var oldId))
                throw new ModelTrimException($"{file}: added_tokens_decoder key '{key}' is not a token id");
            var content = value?["content"]?.GetValue<string>();
            if (!remap.TryMap(oldId, out var newId) || content != null && !InVocabulary(content, pieces))
            {
                notes.Add($"{file}: dropped added token {oldId} '{content}', which the keep list drops");
                continue;
            }
            decoder.Remove(key);
            remapped[newId.ToString(System.Globalization.CultureInfo.InvariantCulture)] = value;
        }
        json["added_tokens_decoder"] = remapped;
    }

    internal static void DropMissingAdditionalTokens(JsonObject json, HashSet<string> pieces, string file,
        List<string> notes)
    {
        if (json["additional_special_tokens"] is not JsonArray tokens) return;
        var kept = new JsonArray();
        foreach (var token in tokens.ToList())
        {
            var content = token is JsonObject o ? o["content"]?.GetValue<string>() : token?.GetValue<string>();
            tokens.Remove(token);
            if (content != null && InVocabulary(content, pieces)) kept.Add(token);
            else notes.Add($"{file}: dropped additional special token '{content}', which the keep list drops");
        }
        json["additional_special_tokens"] = kept;
    }

    // mT5's tokenizer files name a sentinel "<extra_id_0>" while spiece.model holds it as "▁<extra_id_0>": the
    // same token, kept or dropped with that piece (the sentinel policy of select drops them).
    private static bool InVocabulary(string content, HashSet<string> pieces) =>
        pieces.Contains(content)
        || SpecialTokenPolicy.SentinelNumber(content) != null
            && !content.StartsWith('\u2581')
            && pieces.Contains("\u2581" + content);
}
