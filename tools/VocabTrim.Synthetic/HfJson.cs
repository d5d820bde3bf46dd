using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace VocabTrim.Synthetic;

/// <summary>
/// JSON as transformers writes its config files (Python's <c>json.dumps(indent=2, sort_keys=True)</c> + newline):
/// keys sorted, two-space indent, LF on every platform, non-ASCII unescaped, numbers exactly as given.
/// </summary>
public static class HfJson
{
    /// <summary>A number written exactly as Python prints it, e.g. <c>1e-06</c> or <c>0.0</c>.</summary>
    public static JsonNode Number(string pythonRepr) => JsonNode.Parse(pythonRepr) as JsonValue
        ?? throw new ArgumentException($"'{pythonRepr}' is not a JSON number", nameof(pythonRepr));

    public static byte[] Serialize(JsonObject json)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions
        {
            Indented = true,
            IndentSize = 2,
            NewLine = "\n",
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        }))
        {
            Sorted(json)!.WriteTo(writer);
        }
        buffer.WriteByte((byte)'\n');
        return buffer.ToArray();
    }

    private static JsonNode? Sorted(JsonNode? node) => node switch
    {
        JsonObject o => new JsonObject(o.OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => KeyValuePair.Create(p.Key, Sorted(p.Value)))),
        JsonArray a => new JsonArray([.. a.Select(Sorted)]),
        null => null,
        _ => node.DeepClone(),
    };
}
