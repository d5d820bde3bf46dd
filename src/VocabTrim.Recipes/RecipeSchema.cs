using System.Text.Json;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using NJsonSchema;
using NJsonSchema.Validation;

namespace VocabTrim.Recipes;

/// <summary>
/// <c>recipes.schema.json</c>, embedded from the repository root, and validation against it with NJsonSchema.
/// NJsonSchema reports error kinds and Newtonsoft paths; <see cref="SchemaErrorText"/> turns the first one
/// into the one line a user reads.
/// </summary>
public static class RecipeSchema
{
    private const string ResourceName = "VocabTrim.Recipes.recipes.schema.json";

    /// <summary>
    /// The schema's text, byte for byte the repository's <c>recipes.schema.json</c> this build embedded.
    /// </summary>
    public static string Json { get; } = ReadResource();

    private static readonly Lazy<JsonSchema> Parsed =
        new(() => JsonSchema.FromJsonAsync(Json).GetAwaiter().GetResult());

    /// <summary>The draft the schema declares.</summary>
    public const string Draft = "https://json-schema.org/draft/2020-12/schema";

    /// <exception cref="RecipeException">
    /// The document breaks the schema: the first problem in document order.
    /// </exception>
    internal static void Check(string json, JsonElement document, string source)
    {
        JToken token;
        // Strings must stay strings ("2023-01-01" is not a date here); line info places the errors.
        using (var reader = new JsonTextReader(new StringReader(json))
        { DateParseHandling = DateParseHandling.None, FloatParseHandling = FloatParseHandling.Double })
            token = JToken.ReadFrom(reader, new JsonLoadSettings { LineInfoHandling = LineInfoHandling.Load });
        var errors = SchemaErrorText.Leaves(Parsed.Value.Validate(token))
            .OrderBy(e => e.LineNumber).ThenBy(e => e.LinePosition).ToList();
        if (errors.Count == 0) return;
        var (path, problem) = SchemaErrorText.Describe(errors[0], document);
        if (errors.Count > 1)
            problem += errors.Count == 2 ? " (and 1 more problem)" : $" (and {errors.Count - 1} more problems)";
        throw new RecipeException(source, path, problem);
    }

    private static string ReadResource()
    {
        using var stream = typeof(RecipeSchema).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException(
                $"{ResourceName} is not embedded in {typeof(RecipeSchema).Assembly.GetName().Name}");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
