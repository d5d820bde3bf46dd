using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace VocabTrim.Selection;

/// <summary>
/// Writes a value on one line inside an indented document, so that a keep list with tens of thousands of
/// pieces stays one line per piece. Only used for writing; reading uses the plain options.
/// </summary>
/// <param name="compact">Options for the value itself (not indented, without this converter).</param>
/// <param name="ownLine">Start the value on a new, indented line, as array items are.</param>
internal sealed class SingleLineConverter<T>(JsonSerializerOptions compact, bool ownLine) : JsonConverter<T>
{
    public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw new NotSupportedException("read with the plain options");

    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(value, compact);
        if (!ownLine || !writer.Options.Indented)
        {
            writer.WriteRawValue(json, skipInputValidation: true);
            return;
        }
        // A raw value gets no indentation from the writer; leading whitespace is valid JSON, so add it here.
        var indent = Encoding.UTF8.GetBytes("\n" + new string(' ', writer.Options.IndentSize * writer.CurrentDepth));
        writer.WriteRawValue([.. indent, .. json], skipInputValidation: true);
    }
}
