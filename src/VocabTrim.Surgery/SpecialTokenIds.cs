using System.Text.Json.Nodes;
using VocabTrim.Inference.Families;

namespace VocabTrim.Surgery;

/// <summary>
/// Rewrites the token ids in config.json and generation_config.json for the trimmed vocabulary. A special id
/// the keep list drops is an error: a model that ends generation on a token it no longer has is broken.
/// </summary>
public static class SpecialTokenIds
{
    /// <summary>Token lists where a dropped id simply no longer needs suppressing.</summary>
    private static readonly string[] SuppressionKeys = ["suppress_tokens", "begin_suppress_tokens"];

    /// <summary>
    /// Remaps every id setting present in <paramref name="json"/> in place; returns "key old → new" notes for the ids
    /// that moved.
    /// </summary>
    /// <param name="keys">
    /// The settings holding ids (one, or a list: generation_config's <c>eos_token_id</c> may be one); default: every
    /// family's.
    /// </param>
    public static IReadOnlyList<string> Remap(JsonObject json, IdRemap remap, string fileName,
        IReadOnlyList<string>? keys = null)
    {
        var moved = new List<string>();
        foreach (var key in keys ?? ModelFamilies.CommonTokenIdKeys)
        {
            if (!json.TryGetPropertyValue(key, out var node) || node is null) continue;
            json[key] = node switch
            {
                JsonArray array => new JsonArray(array.Select((item, i) => (JsonNode?)JsonValue.Create(
                    MapOne(item, remap, $"{fileName}: {key}[{i}]", moved))).ToArray()),
                _ => JsonValue.Create(MapOne(node, remap, $"{fileName}: {key}", moved)),
            };
        }
        foreach (var key in SuppressionKeys)
        {
            if (!json.TryGetPropertyValue(key, out var node) || node is not JsonArray array) continue;
            var kept = new JsonArray();
            for (var i = 0; i < array.Count; i++)
                if (remap.TryMap(ReadId(array[i], $"{fileName}: {key}[{i}]"), out var id)) kept.Add(id);
            json[key] = kept;
        }
        return moved;
    }

    private static int MapOne(JsonNode? node, IdRemap remap, string where, List<string> moved)
    {
        var oldId = ReadId(node, where);
        var newId = remap.Map(oldId, where);
        if (newId != oldId) moved.Add($"{where} {oldId} → {newId}");
        return newId;
    }

    private static int ReadId(JsonNode? node, string where) =>
        node is JsonValue value && value.TryGetValue<int>(out var id)
            ? id
            : throw new ModelTrimException($"{where}: expected a token id, found {node?.ToJsonString() ?? "null"}");
}
