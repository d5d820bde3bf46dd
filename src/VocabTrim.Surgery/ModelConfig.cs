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
        var reader = ModelConfigJson.Load(path);
        var modelType = reader.String("model_type")
            ?? throw new ModelTrimException($"{path}: $.model_type: missing or not a string");
        var family = ModelFamilies.Of(reader);
        var vocabSize = reader.PositiveInt("vocab_size");
        var tie = reader.Bool("tie_word_embeddings", family.TiesByDefault(modelType));
        return new ModelConfig(path, reader.ToJsonObject(), reader, modelType, family, vocabSize, tie);
    }

    /// <summary>A JSON object file (config.json, generation_config.json) or an error naming it.</summary>
    public static JsonObject ParseObject(string path) => ModelConfigJson.Load(path).ToJsonObject();

    /// <summary>Writes as transformers does: two-space indent, non-ASCII left readable, newline at the end.</summary>
    public static byte[] Serialize(JsonObject json) =>
        [.. JsonSerializer.SerializeToUtf8Bytes(json, WriteOptions), (byte)'\n'];

    private static readonly JsonSerializerOptions WriteOptions = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}
