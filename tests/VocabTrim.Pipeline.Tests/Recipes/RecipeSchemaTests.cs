using NJsonSchema;
using VocabTrim.TestSupport;

namespace VocabTrim.Pipeline.Tests.Recipes;

public class RecipeSchemaTests
{
    private static JsonSchema Schema() =>
        JsonSchema.FromJsonAsync(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "recipes.schema.json"))).GetAwaiter().GetResult();

    public static TheoryData<string> Recipes() =>
        new(Directory.GetFiles(Path.Combine(RepositoryPaths.Root, "recipes"), "*.json").Select(Path.GetFileName)!);

    [Theory]
    [MemberData(nameof(Recipes))]
    public void Every_shipped_recipe_fits_the_schema(string name)
    {
        var errors = Schema().Validate(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "recipes", name)));
        errors.Should().BeEmpty(string.Join("; ", Flatten(errors).Select(e => $"{e.Path}: {e.Kind}")));
    }

    // Errors inside a sub-schema (each language's object) come nested under their parent.
    private static IEnumerable<NJsonSchema.Validation.ValidationError> Flatten(IEnumerable<NJsonSchema.Validation.ValidationError> errors) =>
        errors.SelectMany(e => e is NJsonSchema.Validation.ChildSchemaValidationError child
            ? [e, .. Flatten(child.Errors.SelectMany(kv => kv.Value))]
            : new[] { e });

    [Theory]
    [InlineData("""{"tokenizer": "s.model", "languages": {"en": {"top": 0, "corpus": "x"}}}""", "#/languages.en.top")]
    [InlineData("""{"tokenizer": "s.model", "languages": {"en": {"top": 5, "corpus": "x"}}, "overal": 3}""", "#/overal")]
    [InlineData("""{"languages": {"en": {"top": 5, "corpus": "x"}}}""", "#/tokenizer")] // neither tokenizer nor model
    public void Mistakes_are_reported_with_their_json_path(string recipe, string path)
    {
        var errors = Flatten(Schema().Validate(recipe));
        errors.Select(e => e.Path).Should().Contain(path);
    }
}
