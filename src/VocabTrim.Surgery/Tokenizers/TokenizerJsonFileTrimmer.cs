using System.Text;
using VocabTrim.Selection;
using VocabTrim.Tokenizers;
using VocabTrim.Tokenizers.Bpe;

namespace VocabTrim.Surgery.Tokenizers;

/// <summary>
/// BLOOM-style tokenizers: a byte-level BPE <c>tokenizer.json</c>, trimmed by <see cref="BpeTrimmer"/> with merge
/// closure. Closure may add tokens to the keep list (or drop them, with <see cref="BpeClosure.DropUnbuildable"/>);
/// the final list is handed back so the weights follow it. <c>tokenizer_config.json</c> and
/// <c>special_tokens_map.json</c> are carried over with their ids remapped.
/// </summary>
public sealed class TokenizerJsonFileTrimmer(BpeClosure closure = BpeClosure.AddMissingParts) : ITokenizerFileTrimmer
{
    public const string TokenizerJson = "tokenizer.json";

    public string FileName => TokenizerJson;

    public TrimmedTokenizerFiles Trim(string modelFolder, KeepList keep, LoadedTokenizer? loaded = null)
    {
        var path = Path.Combine(modelFolder, TokenizerJson);
        var reuse = loaded is { Bytes: not null } && LoadedTokenizers.Is(loaded, path);
        var bytes = reuse ? loaded!.Bytes! : File.ReadAllBytes(path);
        BpeTrimResult result;
        try
        {
            result = BpeTrimmer.Trim(bytes, path, keep.Ids, keep.TokenizerSha256, closure,
                reuse ? loaded!.Sha256 : null);
        }
        catch (ArgumentException e) { throw new ModelTrimException($"{path}: {e.Message}"); }

        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal)
        {
            [TokenizerJson] = Encoding.UTF8.GetBytes(result.Json),
        };
        var sources = new List<string> { TokenizerJson };
        var notes = new List<string>
        {
            $"{TokenizerJson}: {result.MergesKept:N0} merges kept, {result.MergesDropped:N0} dropped",
        };
        if (result.ForcedAdded.Count > 0)
            notes.Add($"{TokenizerJson}: added {result.ForcedAdded.Count} special, byte or post-processor tokens the " +
                "keep list lacked");
        if (result.PartsAdded.Count > 0)
            notes.Add($"{TokenizerJson}: added {result.PartsAdded.Count} tokens that kept tokens are merged from " +
                "(merge closure)");
        if (result.Dropped.Count > 0)
            notes.Add($"{TokenizerJson}: dropped {result.Dropped.Count} kept tokens that the remaining merges cannot " +
                "build");

        var pieces = BpeTokenizer.FromJson(result.Json) is var trimmed
            ? new HashSet<string>(Enumerable.Range(0, trimmed.PieceCount).Select(trimmed.PieceAt),
                StringComparer.Ordinal)
            : [];
        var remap = new IdRemap(result.Kept);
        foreach (var name in
            new[] { SentencePieceFileTrimmer.TokenizerConfig, SentencePieceFileTrimmer.SpecialTokensMap })
        {
            var configPath = Path.Combine(modelFolder, name);
            if (!File.Exists(configPath)) continue;
            var config = ModelConfig.ParseObject(configPath);
            SentencePieceFileTrimmer.RemapAddedTokens(config, remap, pieces, name, notes);
            SentencePieceFileTrimmer.DropMissingAdditionalTokens(config, pieces, name, notes);
            files[name] = ModelConfig.Serialize(config);
            sources.Add(name);
        }
        return new TrimmedTokenizerFiles(files, sources, new Dictionary<string, string>(), result.OriginalPieceCount,
            [], notes,
            result.Kept.SequenceEqual(keep.Ids) ? null : result.Kept);
    }
}
