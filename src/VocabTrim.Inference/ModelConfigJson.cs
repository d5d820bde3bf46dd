using System.Text.Json;

namespace VocabTrim.Inference;

/// <summary>Typed reads of a Hugging Face <c>config.json</c>, with errors that name the file and the key.</summary>
public sealed class ModelConfigJson
{
    private readonly JsonElement _root;

    private ModelConfigJson(string path, JsonElement root)
    {
        Path = path;
        _root = root;
    }

    public string Path { get; }

    public static ModelConfigJson Load(string path)
    {
        using var doc = JsonDocument.Parse(File.ReadAllBytes(path));
        if (doc.RootElement.ValueKind != JsonValueKind.Object)
            throw new InvalidDataException($"{path}: not a JSON object");
        return new ModelConfigJson(path, doc.RootElement.Clone());
    }

    /// <summary>A config given as text; <paramref name="origin"/> names it in errors.</summary>
    public static ModelConfigJson Parse(string json, string origin)
    {
        using var doc = JsonDocument.Parse(json);
        if (doc.RootElement.ValueKind != JsonValueKind.Object)
            throw new InvalidDataException($"{origin}: not a JSON object");
        return new ModelConfigJson(origin, doc.RootElement.Clone());
    }

    /// <summary>Loads <c>config.json</c> from a model folder.</summary>
    public static ModelConfigJson LoadFolder(string folder)
    {
        var path = System.IO.Path.Combine(folder, "config.json");
        if (!File.Exists(path)) throw new FileNotFoundException($"no config.json in {folder}", path);
        return Load(path);
    }

    public bool Has(string key) => _root.TryGetProperty(key, out var v) && v.ValueKind != JsonValueKind.Null;

    public string? String(string key) =>
        _root.TryGetProperty(key, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    public int Int(string key) => TryInt(key) ?? throw Missing(key);

    public int Int(string key, int fallback) => TryInt(key) ?? fallback;

    /// <summary>The first of <paramref name="keys"/> present: configs name some sizes two ways (n_embed / hidden_size).</summary>
    public int IntAny(params string[] keys)
    {
        foreach (var k in keys)
            if (TryInt(k) is { } v) return v;
        throw Missing(string.Join(" or ", keys));
    }

    /// <summary>An id such as eos_token_id; some configs give a list, of which generation stops at the first.</summary>
    public long? TokenId(string key)
    {
        if (!_root.TryGetProperty(key, out var v)) return null;
        return v.ValueKind switch
        {
            JsonValueKind.Number => v.GetInt64(),
            JsonValueKind.Array when v.GetArrayLength() > 0 => v[0].GetInt64(),
            _ => null,
        };
    }

    public double Double(string key) =>
        _root.TryGetProperty(key, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : throw Missing(key);

    public double Double(string key, double fallback) =>
        _root.TryGetProperty(key, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : fallback;

    public bool Bool(string key, bool fallback) =>
        _root.TryGetProperty(key, out var v) && v.ValueKind is JsonValueKind.True or JsonValueKind.False ? v.GetBoolean() : fallback;

    /// <summary>A nested object such as <c>rope_scaling</c>, null when absent or null; its errors name the file and the key.</summary>
    public ModelConfigJson? Object(string key)
    {
        if (!_root.TryGetProperty(key, out var v) || v.ValueKind == JsonValueKind.Null) return null;
        if (v.ValueKind != JsonValueKind.Object) throw new InvalidDataException($"{Path}: '{key}' is not a JSON object");
        return new ModelConfigJson($"{Path}: {key}", v.Clone());
    }

    public IReadOnlyList<string> Architectures =>
        _root.TryGetProperty("architectures", out var v) && v.ValueKind == JsonValueKind.Array
            ? [.. v.EnumerateArray().Select(e => e.GetString() ?? "")]
            : [];

    private int? TryInt(string key) =>
        _root.TryGetProperty(key, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetInt32() : null;

    private InvalidDataException Missing(string key) => new($"{Path}: '{key}' is missing or not a number");
}
