using System.Globalization;
using System.Text.Json;
using NJsonSchema;
using NJsonSchema.Validation;

namespace VocabTrim.Recipes;

/// <summary>
/// Turns NJsonSchema's errors (a kind, a Newtonsoft path such as <c>#/languages.en.top</c>, the failing
/// schema) into a JSON path and a sentence: "expected an integer &gt;= 1, got \"many\"",
/// "unknown field (expected one of top, corpus, maxSentences, format)".
/// </summary>
internal static class SchemaErrorText
{
    /// <summary>
    /// The errors to show: those of sub-schemas (a language's object, an array item) come nested under
    /// their parent; a failed oneOf/anyOf is shown as itself, with its alternatives as what was expected.
    /// </summary>
    public static IEnumerable<ValidationError> Leaves(IEnumerable<ValidationError> errors) =>
        errors.SelectMany(e =>
            e is ChildSchemaValidationError child
            && e.Kind is not (ValidationErrorKind.NotOneOf or ValidationErrorKind.NotAnyOf)
                ? Leaves(child.Errors.SelectMany(kv => kv.Value))
                : [e]);

    public static (string Path, string Problem) Describe(ValidationError error, JsonElement document)
    {
        var segments = Segments(error.Path);
        var path = JsonPathText.Of(segments);
        var schema = error.Schema?.ActualSchema;
        switch (error.Kind)
        {
            case ValidationErrorKind.NoAdditionalPropertiesAllowed:
                var known = schema?.ActualProperties.Keys.ToList() ?? [];
                return (path,
                    known.Count == 0 ? "unknown field" : $"unknown field (expected one of {string.Join(", ", known)})");
            case ValidationErrorKind.PropertyRequired:
                var property = error.Property != null && schema != null
                    && schema.ActualProperties.TryGetValue(error.Property, out var p) ? p : null;
                return (path,
                    property == null
                        ? "missing required field" : $"missing required field (expected {Expected(property)})");
            default:
                var got = Find(document, segments) is { } value ? Show(value) : "nothing";
                return (path,
                    schema == null
                        ? $"does not fit the schema ({error.Kind})" : $"expected {Expected(schema)}, got {got}");
        }
    }

    /// <summary>What a schema accepts, in words: "an integer &gt;= 1", "one of \"keep\", \"float32\"".</summary>
    public static string Expected(JsonSchema schema)
    {
        schema = schema.ActualSchema;
        var alternatives = schema.OneOf.Count > 0 ? schema.OneOf : schema.AnyOf;
        if (alternatives.Count > 0)
        {
            var parts = alternatives.Select(a => a.ActualSchema.Enumeration.Count > 0
                ? Values(a.ActualSchema) : Expected(a)).ToList();
            return (alternatives.Any(a => a.ActualSchema.Enumeration.Count > 0) ? "one of " : "") +
                (parts.Count == 1 ? parts[0] : $"{string.Join(", ", parts.SkipLast(1))} or {parts[^1]}");
        }
        if (schema.Enumeration.Count > 0)
            return schema.Enumeration.Count == 1 ? Values(schema) : $"one of {Values(schema)}";
        var type = schema.Type;
        if (type.HasFlag(JsonObjectType.Integer)) return "an integer" + Minimum(schema);
        if (type.HasFlag(JsonObjectType.Number)) return "a number" + Minimum(schema);
        if (type.HasFlag(JsonObjectType.Boolean)) return "true or false";
        if (type.HasFlag(JsonObjectType.String))
            return schema.Pattern != null
                ? $"a string matching {schema.Pattern}" : schema.MinLength > 0 ? "a non-empty string" : "a string";
        if (type.HasFlag(JsonObjectType.Array))
            return schema.Item != null ? $"an array of {Plural(Expected(schema.Item))}" : "an array";
        if (type.HasFlag(JsonObjectType.Object))
            return schema.MinProperties > 0
                ? $"an object with at least {schema.MinProperties} {(schema.MinProperties == 1 ? "entry" : "entries")}"
                : "an object";
        return "a value the schema allows";
    }

    private static string Values(JsonSchema schema) =>
        string.Join(", ", schema.Enumeration.Select(v => JsonSerializer.Serialize(v)));

    private static string Minimum(JsonSchema schema) =>
        schema.Minimum is { } min ? string.Create(CultureInfo.InvariantCulture, $" >= {min}") : "";

    // "a non-empty string" -> "non-empty strings"
    private static string Plural(string expected) =>
        expected.StartsWith("a ", StringComparison.Ordinal) || expected.StartsWith("an ", StringComparison.Ordinal)
            ? expected[(expected.IndexOf(' ') + 1)..].Replace("string", "strings", StringComparison.Ordinal)
            : expected;

    /// <summary>A value as a user recognizes it in the file: strings quoted, numbers as written.</summary>
    public static string Show(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => value.EnumerateObject().Any() ? "an object" : "{}",
        JsonValueKind.Array => value.GetArrayLength() > 0 ? "an array" : "[]",
        JsonValueKind.String => Shorten(JsonSerializer.Serialize(value.GetString())),
        _ => value.GetRawText(),
    };

    private static string Shorten(string text) => text.Length <= 60 ? text : text[..57] + "...\"";

    private static JsonElement? Find(JsonElement element, IEnumerable<object> segments)
    {
        foreach (var s in segments)
        {
            if (s is int i)
            {
                if (element.ValueKind != JsonValueKind.Array || i >= element.GetArrayLength()) return null;
                element = element[i];
            }
            else if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty((string)s, out element))
                return null;
        }
        return element;
    }

    /// <summary>Splits NJsonSchema's <c>#/a.b['c.d'][1]</c> into "a", "b", "c.d", 1.</summary>
    internal static List<object> Segments(string? path)
    {
        var segments = new List<object>();
        if (string.IsNullOrEmpty(path)) return segments;
        var text = path.StartsWith("#/", StringComparison.Ordinal) ? path[2..] : path;
        var i = 0;
        while (i < text.Length)
        {
            if (text[i] == '.') { i++; continue; }
            if (text[i] == '[')
            {
                if (i + 1 < text.Length && text[i + 1] == '\'')
                {
                    var name = new System.Text.StringBuilder();
                    var j = i + 2;
                    for (; j < text.Length && !(text[j] == '\'' && j + 1 < text.Length && text[j + 1] == ']'); j++)
                    {
                        if (text[j] == '\\' && j + 1 < text.Length) j++;
                        name.Append(text[j]);
                    }
                    segments.Add(name.ToString());
                    i = j + 2;
                }
                else
                {
                    var close = text.IndexOf(']', i);
                    if (close < 0) close = text.Length;
                    segments.Add(int.Parse(text[(i + 1)..close], CultureInfo.InvariantCulture));
                    i = close + 1;
                }
                continue;
            }
            var end = text.IndexOfAny(['.', '['], i);
            if (end < 0) end = text.Length;
            segments.Add(text[i..end]);
            i = end;
        }
        return segments;
    }
}
