using System.Text.Json;

namespace VocabTrim.Recipes;

/// <summary>
/// Reads recipes: strict JSON, then the schema (unknown fields are errors), then the rules the schema cannot say.
/// </summary>
public static class RecipeFile
{
    /// <summary>
    /// Loads a recipe; its relative paths resolve against the file's folder. Nothing it names is opened:
    /// whether models and corpora exist is for the command that uses them to find out.
    /// </summary>
    /// <exception cref="RecipeException">
    /// The file is missing, not JSON, or not a valid recipe: one line with the file, the JSON path and what was
    /// expected.
    /// </exception>
    public static Recipe Load(string path)
    {
        string json;
        try
        {
            json = File.ReadAllText(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new RecipeException(path, null, "no such recipe file");
        }
        return Parse(json, path, Path.GetDirectoryName(Path.GetFullPath(path))!);
    }

    /// <summary>
    /// Reads a recipe from text; <paramref name="source"/> names it in errors, relative paths resolve against
    /// <paramref name="baseFolder"/>.
    /// </summary>
    /// <exception cref="RecipeException">Not JSON or not a valid recipe.</exception>
    public static Recipe Parse(string json, string source, string baseFolder)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw new RecipeException(source, null,
                $"line {e.LineNumber + 1}, column {e.BytePositionInLine + 1}: malformed JSON: "
                + $"{WithoutPosition(e.Message)}");
        }
        using (document)
        {
            CheckKeysAndNumbers(document.RootElement, JsonPathText.Root, source);
            RecipeSchema.Check(json, document.RootElement, source);
            return RecipeReader.Read(document.RootElement, source, baseFolder);
        }
    }

    // System.Text.Json's first sentence says what is wrong; the rest is about its reader options and a 0-based
    // position.
    private static string WithoutPosition(string message)
    {
        var at = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        var text = (at < 0 ? message : message[..at]).TrimEnd();
        var sentence = text.IndexOf(". ", StringComparison.Ordinal);
        return (sentence < 0 ? text : text[..(sentence + 1)])
            .Replace(" which is not supported in this mode", "", StringComparison.Ordinal);
    }

    // JSON parsers disagree on a key given twice (most keep the last); a recipe is read by people too, so it is an
    // error. Numbers beyond 64-bit integers or doubles are refused here, before the schema validator (which fails on
    // them).
    private static void CheckKeysAndNumbers(JsonElement element, string path, string source)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var seen = new HashSet<string>(StringComparer.Ordinal);
                foreach (var property in element.EnumerateObject())
                {
                    var child = JsonPathText.Property(path, property.Name);
                    if (!seen.Add(property.Name)) throw new RecipeException(source, child, "given twice");
                    CheckKeysAndNumbers(property.Value, child, source);
                }
                break;
            case JsonValueKind.Array:
                var i = 0;
                foreach (var item in element.EnumerateArray())
                    CheckKeysAndNumbers(item, JsonPathText.Index(path, i++), source);
                break;
            case JsonValueKind.Number:
                var text = element.GetRawText();
                var isInteger = text.IndexOfAny(['.', 'e', 'E']) < 0;
                if (isInteger && !element.TryGetInt64(out _))
                    throw new RecipeException(source, path, $"expected an integer that fits in 64 bits, got {text}");
                if (!isInteger && !(element.TryGetDouble(out var d) && double.IsFinite(d)))
                    throw new RecipeException(source, path, $"expected a finite number, got {text}");
                break;
        }
    }
}
