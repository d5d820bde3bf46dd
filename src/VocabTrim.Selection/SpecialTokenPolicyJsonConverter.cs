using System.Text.Json;
using System.Text.Json.Serialization;

namespace VocabTrim.Selection;

/// <summary>keep.json's <c>"specialTokens": {"sentinels": "all" | "none" | N}</c>, the recipe's spelling.</summary>
internal sealed class SpecialTokenPolicyJsonConverter : JsonConverter<SpecialTokenPolicy>
{
    public override SpecialTokenPolicy Read(ref Utf8JsonReader reader, Type typeToConvert,
        JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
            throw new JsonException("expected an object {\"sentinels\": \"all\" | \"none\" | N}");
        var policy = SpecialTokenPolicy.All;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            if (reader.TokenType != JsonTokenType.PropertyName) throw new JsonException("expected a property name");
            var name = reader.GetString();
            reader.Read();
            if (name != "sentinels") throw new JsonException($"unknown property '{name}'; expected \"sentinels\"");
            try
            {
                policy = reader.TokenType switch
                {
                    JsonTokenType.String => SpecialTokenPolicy.ParseSentinels(reader.GetString()!),
                    JsonTokenType.Number when reader.TryGetInt32(out var n) => SpecialTokenPolicy.KeepSentinels(n),
                    _ => throw new JsonException("sentinels: expected \"all\", \"none\" or a whole number"),
                };
            }
            catch (SelectionException e) { throw new JsonException(e.Message); }
        }
        return policy;
    }

    public override void Write(Utf8JsonWriter writer, SpecialTokenPolicy value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        if (value.Sentinels is { } n and > 0) writer.WriteNumber("sentinels", n);
        else writer.WriteString("sentinels", value.SentinelsText);
        writer.WriteEndObject();
    }
}
