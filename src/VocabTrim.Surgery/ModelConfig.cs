using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace VocabTrim.Surgery;

/// <summary>
/// A model folder's config.json: the architecture (from <c>model_type</c>, never from the folder's name), the
/// vocabulary size and whether the LM head is tied to the input embedding.
/// </summary>
public sealed class ModelConfig
{
    public const string FileName = "config.json";

    private ModelConfig(string path, JsonObject json, string modelType, ModelFamily family, long vocabSize, bool tieWordEmbeddings)
    {
        Path = path;
        Json = json;
        ModelType = modelType;
        Family = family;
        VocabSize = vocabSize;
        TieWordEmbeddings = tieWordEmbeddings;
    }

    public string Path { get; }

    /// <summary>The whole document, for rewriting; other settings pass through untouched.</summary>
    public JsonObject Json { get; }

    public string ModelType { get; }

    public ModelFamily Family { get; }

    public long VocabSize { get; }

    public bool TieWordEmbeddings { get; }

    public static ModelConfig Load(string modelFolder)
    {
        var path = System.IO.Path.Combine(System.IO.Path.GetFullPath(modelFolder), FileName);
        if (!File.Exists(path))
            throw new ModelTrimException(
                $"{path}: there is no {FileName}; vocabtrim needs the model's model_type to know which tensors are vocabulary-sized");
        var json = ParseObject(path);
        var modelType = json["model_type"] is JsonValue t && t.TryGetValue<string>(out var s)
            ? s
            : throw new ModelTrimException($"{path}: model_type is missing or not a string");
        var family = modelType switch
        {
            "t5" or "mt5" => ModelFamily.T5,
            "bloom" => ModelFamily.Bloom,
            "llama" or "qwen2" => ModelFamily.Llama,
            _ => throw new ModelTrimException($"{path}: model_type '{modelType}' is not supported; vocabtrim trims t5, mt5, bloom, llama and qwen2 models"),
        };
        var vocabSize = json["vocab_size"] is JsonValue v && v.TryGetValue<long>(out var n) && n > 0
            ? n
            : throw new ModelTrimException($"{path}: vocab_size is missing or not a positive whole number");
        // transformers' own defaults when the key is absent: T5Config and BloomConfig tie; MT5Config, LlamaConfig and Qwen2Config do not.
        var tie = json["tie_word_embeddings"] is JsonValue b && b.TryGetValue<bool>(out var tied) ? tied : modelType is "t5" or "bloom";
        return new ModelConfig(path, json, modelType, family, vocabSize, tie);
    }

    /// <summary>A JSON object file (config.json, generation_config.json) or an error naming it.</summary>
    public static JsonObject ParseObject(string path)
    {
        try
        {
            return JsonNode.Parse(File.ReadAllBytes(path)) as JsonObject
                ?? throw new ModelTrimException($"{path}: expected a JSON object");
        }
        catch (JsonException e) { throw new ModelTrimException($"{path}: not valid JSON: {e.Message}"); }
    }

    /// <summary>Writes as transformers does: two-space indent, non-ASCII left readable, newline at the end.</summary>
    public static byte[] Serialize(JsonObject json) =>
        [.. JsonSerializer.SerializeToUtf8Bytes(json, WriteOptions), (byte)'\n'];

    private static readonly JsonSerializerOptions WriteOptions = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}
