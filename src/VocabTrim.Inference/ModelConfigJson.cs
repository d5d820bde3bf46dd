using System.Text.Json;
using System.Text.Json.Nodes;

namespace VocabTrim.Inference;

/// <summary>
/// Typed reads of a Hugging Face JSON settings file (<c>config.json</c>, <c>generation_config.json</c>,
/// <c>tokenizer_config.json</c>), with errors in one line that name the file and the key: the one reader of these
/// files, under the per-family configs of the inference core and the trimmer's <c>ModelConfig</c>.
/// </summary>
public sealed class ModelConfigJson
{
    private readonly JsonElement _root;

    private ModelConfigJson(string path, JsonElement root)
    {
        Path = path;
        _root = root;
    }

    public string Path { get; }

    public static ModelConfigJson Load(string path) => Parse(File.ReadAllBytes(path), path);

    /// <summary>A config read already (as bytes); <paramref name="origin"/> names it in errors.</summary>
    public static ModelConfigJson Parse(ReadOnlyMemory<byte> json, string origin)
    {
        try
        {
            using var doc = JsonDocument.Parse(json);
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
                throw new ModelFolderException(origin, $"expected a JSON object, found {doc.RootElement.ValueKind}");
            return new ModelConfigJson(origin, doc.RootElement.Clone());
        }
        catch (JsonException e)
        {
            throw new ModelFolderException(origin,
                $"not valid JSON: line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}: " +
                $"{FirstSentence(e.Message)}");
        }
    }

    private static string FirstSentence(string message) =>
        message.IndexOf(" LineNumber:", StringComparison.Ordinal) is var cut and > 0 ? message[..cut] : message;

    /// <summary>A config given as text; <paramref name="origin"/> names it in errors.</summary>
    public static ModelConfigJson Parse(string json, string origin) =>
        Parse(System.Text.Encoding.UTF8.GetBytes(json), origin);

    /// <summary>Loads <c>config.json</c> from a model folder.</summary>
    public static ModelConfigJson LoadFolder(string folder)
    {
        var path = System.IO.Path.Combine(folder, "config.json");
        if (!Directory.Exists(folder)) throw new ModelFolderException(folder, "no such model folder");
        if (!File.Exists(path)) throw new ModelFolderException(folder,
            "no config.json in the folder (expected a Hugging Face model folder)");
        return Load(path);
    }

    /// <summary>
    /// generation_config.json of a model folder, or null when it has none: transformers' generate takes its ids
    /// (eos, pad) from there first.
    /// </summary>
    public static ModelConfigJson? LoadGeneration(string folder)
    {
        var path = System.IO.Path.Combine(folder, GenerationFileName);
        return File.Exists(path) ? Load(path) : null;
    }

    public const string GenerationFileName = "generation_config.json";

    /// <summary>
    /// The document as a JSON object to edit and write back (a trimmed model's config with its ids remapped): a new
    /// one each call; edits leave this reader's values those of the file.
    /// </summary>
    public JsonObject ToJsonObject() => JsonObject.Create(_root)!;

    public bool Has(string key) => _root.TryGetProperty(key, out var v) && v.ValueKind != JsonValueKind.Null;

    public string? String(string key) =>
        _root.TryGetProperty(key, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    public int Int(string key) => TryInt(key) ?? throw Missing(key);

    public int Int(string key, int fallback) => TryInt(key) ?? fallback;

    /// <summary>
    /// The first of <paramref name="keys"/> present: configs name some sizes two ways (n_embed / hidden_size).
    /// </summary>
    public int IntAny(params string[] keys)
    {
        foreach (var k in keys)
            if (TryInt(k) is { } v) return v;
        throw Missing(string.Join(" or $.", keys));
    }

    /// <summary>An id such as eos_token_id; some configs give a list, of which generation stops at the first.</summary>
    public long? TokenId(string key)
    {
        if (!_root.TryGetProperty(key, out var v)) return null;
        var first = v.ValueKind == JsonValueKind.Array && v.GetArrayLength() > 0 ? v[0] : v;
        if (first.ValueKind != JsonValueKind.Number) return null;
        return first.TryGetInt64(out var id)
            && id >= 0 ? id : throw new ModelFolderException(Path,
            $"$.{key}: expected a token id (a whole number >= 0), found {first.GetRawText()}");
    }

    /// <summary>
    /// Every id of a setting that may be one id or a list (generation_config's <c>eos_token_id</c>: Llama 3
    /// instruct stops on three); null when absent, null or an empty list.
    /// </summary>
    public IReadOnlyList<long>? TokenIds(string key)
    {
        if (!_root.TryGetProperty(key, out var v) || v.ValueKind == JsonValueKind.Null) return null;
        if (v.ValueKind != JsonValueKind.Array) return TokenId(key) is { } one ? [one] : null;
        var ids = new List<long>();
        var i = 0;
        foreach (var item in v.EnumerateArray())
        {
            ids.Add(item.ValueKind == JsonValueKind.Number && item.TryGetInt64(out var id) && id >= 0 ? id
                : throw new ModelFolderException(Path,
                    $"$.{key}[{i}]: expected a token id (a whole number >= 0), found {item.GetRawText()}"));
            i++;
        }
        return ids.Count == 0 ? null : ids;
    }

    /// <summary>
    /// A size that must be at least 1 (a layer count, a width): shapes built from 0 would check nothing.
    /// </summary>
    public int PositiveInt(string key) =>
        TryInt(key) is { } n and > 0 ? n
            : throw new ModelFolderException(Path,
                $"$.{key}: expected a whole number >= 1, " +
                $"found {(_root.TryGetProperty(key, out var v) ? v.GetRawText() : "nothing")}");

    /// <inheritdoc cref="PositiveInt(string)"/>
    public int PositiveInt(string key, int fallback) => Has(key) ? PositiveInt(key) : fallback;

    /// <summary>The first of <paramref name="keys"/> present, which must be at least 1.</summary>
    public int PositiveIntAny(params string[] keys) =>
        keys.FirstOrDefault(Has) is { } key ? PositiveInt(key) : throw Missing(string.Join(" or $.", keys));

    public double Double(string key) =>
        _root.TryGetProperty(key, out var v)
            && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : throw Missing(key);

    public double Double(string key, double fallback) =>
        _root.TryGetProperty(key, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : fallback;

    public bool Bool(string key, bool fallback) =>
        _root.TryGetProperty(key, out var v)
            && v.ValueKind is JsonValueKind.True or JsonValueKind.False ? v.GetBoolean() : fallback;

    /// <summary>
    /// A nested object such as <c>rope_scaling</c>, null when absent or null; its errors name the file and the key.
    /// </summary>
    public ModelConfigJson? Object(string key)
    {
        if (!_root.TryGetProperty(key, out var v) || v.ValueKind == JsonValueKind.Null) return null;
        if (v.ValueKind != JsonValueKind.Object) throw new ModelFolderException(Path, $"'{key}' is not a JSON object");
        return new ModelConfigJson($"{Path}: {key}", v.Clone());
    }

    public IReadOnlyList<string> Architectures =>
        _root.TryGetProperty("architectures", out var v) && v.ValueKind == JsonValueKind.Array
            ? [.. v.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.String ? e.GetString()! : "")]
            : [];

    // A size that is not a positive whole number would only fail later, as a tensor shape libtorch refuses.
    private int? TryInt(string key)
    {
        if (!_root.TryGetProperty(key, out var v) || v.ValueKind != JsonValueKind.Number) return null;
        return v.TryGetInt32(out var value) && value >= 0 ? value
            : throw new ModelFolderException(Path,
                $"$.{key}: expected a whole number from 0 to {int.MaxValue}, found {v.GetRawText()}");
    }

    private ModelFolderException Missing(string key) => new(Path, $"$.{key}: missing or not a number");
}
