using System.Text.Json;
using VocabTrim.Recipes;
using VocabTrim.TestSupport;

namespace VocabTrim.Recipes.Tests;

public class SchemaFileTests
{
    private static readonly string SchemaPath = Path.Combine(RepositoryPaths.Root, "recipes.schema.json");

    [Fact]
    public void The_embedded_schema_is_the_repository_file()
    {
        RecipeSchema.Json.Should().Be(File.ReadAllText(SchemaPath));
    }

    [Fact]
    public void The_schema_is_draft_2020_12()
    {
        using var schema = JsonDocument.Parse(RecipeSchema.Json);
        schema.RootElement.GetProperty("$schema").GetString().Should().Be(RecipeSchema.Draft);
    }

    [Fact]
    public void Every_field_has_a_description_and_every_object_refuses_unknown_fields()
    {
        using var schema = JsonDocument.Parse(RecipeSchema.Json);
        var problems = new List<string>();
        Walk(schema.RootElement, "#", problems);
        problems.Should().BeEmpty();
    }

    private static void Walk(JsonElement schema, string path, List<string> problems)
    {
        if (schema.TryGetProperty("properties", out var properties))
        {
            if (!schema.TryGetProperty("additionalProperties", out var additional)
                || additional.ValueKind != JsonValueKind.False)
                problems.Add($"{path}: an object with fixed fields must say \"additionalProperties\": false");
            foreach (var p in properties.EnumerateObject())
            {
                if (!p.Value.TryGetProperty("description", out _)) problems.Add($"{path}.{p.Name}: no description");
                Walk(p.Value, $"{path}.{p.Name}", problems);
            }
        }
        if (schema.TryGetProperty("additionalProperties", out var map) && map.ValueKind == JsonValueKind.Object)
            Walk(map, path + ".*", problems);
        if (schema.TryGetProperty("items", out var items)) Walk(items, path + "[]", problems);
        if (schema.TryGetProperty("$defs", out var defs))
            foreach (var d in defs.EnumerateObject())
            {
                if (!d.Value.TryGetProperty("description", out _))
                    problems.Add($"{path}/$defs/{d.Name}: no description");
                Walk(d.Value, $"{path}/$defs/{d.Name}", problems);
            }
    }
}
