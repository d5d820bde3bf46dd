using System.Text.Json;

namespace VocabTrim.Tokenizers.Bpe;

/// <summary>Typed access to <c>tokenizer.json</c> values whose errors name the JSON path.</summary>
internal static class JsonRead
{
    public static bool IsNull(JsonElement obj, string name) =>
        !obj.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null;

    public static JsonElement Required(JsonElement obj, string name, string path)
    {
        if (obj.ValueKind != JsonValueKind.Object)
            throw new TokenizerFormatException(path, $"expected an object, found {obj.ValueKind}");
        if (!obj.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null)
            throw new TokenizerFormatException($"{path}.{name}", "is required");
        return v;
    }

    public static string String(JsonElement obj, string name, string path)
    {
        var v = Required(obj, name, path);
        return v.ValueKind == JsonValueKind.String ? v.GetString()!
            : throw new TokenizerFormatException($"{path}.{name}", $"expected a string, found {v.ValueKind}");
    }

    public static string? OptionalString(JsonElement obj, string name, string path)
    {
        if (IsNull(obj, name)) return null;
        return String(obj, name, path);
    }

    public static bool Bool(JsonElement obj, string name, string path, bool fallback)
    {
        if (IsNull(obj, name)) return fallback;
        var v = obj.GetProperty(name);
        return v.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw new TokenizerFormatException($"{path}.{name}", $"expected true or false, found {v.ValueKind}"),
        };
    }

    public static int Int(JsonElement obj, string name, string path)
    {
        var v = Required(obj, name, path);
        return v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var i) && i >= 0 ? i
            : throw new TokenizerFormatException($"{path}.{name}", $"expected a non-negative integer, found {v}");
    }

    public static string TypeOf(JsonElement obj, string path) => String(obj, "type", path);

    /// <summary>Rejects a component option that changes encoding in a way vocabtrim does not implement.</summary>
    public static void RequireAbsentOrNull(JsonElement obj, string name, string path, string why)
    {
        if (!IsNull(obj, name)) throw new TokenizerFormatException($"{path}.{name}", why);
    }
}
