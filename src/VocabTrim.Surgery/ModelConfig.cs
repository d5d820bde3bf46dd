using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using VocabTrim.Inference;
using VocabTrim.Inference.Families;

namespace VocabTrim.Surgery;

/// <summary>
/// A model folder's config.json: the family (from <c>model_type</c>, never from the folder's name, looked up in
/// <see cref="ModelFamilies"/>), the vocabulary size and whether the LM head is tied to the input embedding.
/// </summary>
public sealed class ModelConfig
{
    public const string FileName = "config.json";

    private ModelConfig(string path, JsonObject json, ModelConfigJson reader, string modelType, IModelFamily family,
        long vocabSize, bool tieWordEmbeddings)
    {
        Path = path;
        Json = json;
        Reader = reader;
        ModelType = modelType;
        Family = family;
        VocabSize = vocabSize;
        TieWordEmbeddings = tieWordEmbeddings;
    }

    public string Path { get; }

    /// <summary>The whole document, for rewriting; other settings pass through untouched.</summary>
    public JsonObject Json { get; }

    /// <summary>The same document for typed reads, through the reader the inference core uses.</summary>
    public ModelConfigJson Reader { get; }

    public string ModelType { get; }

    public IModelFamily Family { get; }

    public long VocabSize { get; }

    public bool TieWordEmbeddings { get; }

    public static ModelConfig Load(string modelFolder)
    {
        var path = System.IO.Path.Combine(System.IO.Path.GetFullPath(modelFolder), FileName);
        if (!File.Exists(path))
            throw new ModelTrimException(
                $"{path}: there is no {FileName}; vocabtrim needs the model's model_type to know which tensors are " +
                "vocabulary-sized");
        var bytes = File.ReadAllBytes(path);
        var json = ParseObject(bytes, path);
        var modelType = json["model_type"] is JsonValue t && t.TryGetValue<string>(out var s)
            ? s
            : throw new ModelTrimException($"{path}: model_type is missing or not a string");
        var family = ModelFamilies.Find(modelType)
            ?? throw new ModelTrimException($"{path}: model_type '{modelType}' is not supported; vocabtrim trims " +
                $"{ModelFamilies.SupportedModelTypes} models");
        var vocabSize = json["vocab_size"] is JsonValue v && v.TryGetValue<long>(out var n) && n > 0
            ? n
            : throw new ModelTrimException($"{path}: vocab_size is missing or not a positive whole number");
        var tie = json["tie_word_embeddings"] is JsonValue b && b.TryGetValue<bool>(out var tied)
            ? tied
            : family.TiesByDefault(modelType);
        return new ModelConfig(path, json, ModelConfigJson.Parse(bytes, path), modelType, family, vocabSize, tie);
    }

    /// <summary>A JSON object file (config.json, generation_config.json) or an error naming it.</summary>
    public static JsonObject ParseObject(string path) => ParseObject(File.ReadAllBytes(path), path);

    private static JsonObject ParseObject(byte[] bytes, string path)
    {
        try
        {
            return JsonNode.Parse(bytes) as JsonObject
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
