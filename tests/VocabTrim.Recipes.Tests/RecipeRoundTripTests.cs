using System.Text.Json;
using NJsonSchema;
using VocabTrim.Checkpoints;
using VocabTrim.Corpora;
using VocabTrim.Hub;
using VocabTrim.Recipes;
using VocabTrim.Selection;
using VocabTrim.TestSupport;

namespace VocabTrim.Recipes.Tests;

public sealed class RecipeRoundTripTests : IDisposable
{
    private const string Sha = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    /// <summary>Every field set to something other than its default, with relative paths of every kind.</summary>
    private Recipe Rich() => RecipeFile.Parse("""
        {
          "$schema": "../recipes.schema.json",
          "description": "Grüße <b>",
          "model": "../models/m",
          "revision": "v1.0",
          "languages": {
            "de": {"top": 30000, "corpus": "../corpora/deu.tar.gz", "maxSentences": 5000000000, "format": "plain-text"},
            "eng": {"top": 15000, "corpus": "eng_news_2023_1M"},
            "fr": {"top": 10}
          },
          "overall": 2000,
          "specialTokens": {"sentinels": 3},
          "padToMultiple": 64,
          "dtype": "bfloat16",
          "maxShardSize": "500MiB",
          "validation": {"skip": true, "corpora": {"de": "/data/valid/deu.txt", "fr": "fra_news_2023_1M"},
                         "sentences": 10, "logitSentences": 0,
                         "maxNewTokens": 3, "atol": 0.5, "rtol": 1e-7, "device": "auto"},
          "card": {"title": "T", "license": "apache-2.0", "tags": ["a", "b"], "notes": "## Notes\n"},
          "resolved": {
            "vocabtrimVersion": "0.1.0",
            "model": {"source": "hub", "repoId": "org/m", "commit": "abc123",
                      "files": {"config.json": "SHA", "spiece.model": "SHA"}},
            "corpora": {"de": {"path": "../corpora/deu.tar.gz", "sha256": "SHA"},
                        "en": {"path": "/cache/eng_news_2023_1M.tar.gz", "sha256": "SHA"}},
            "keepSha256": "SHA"
          }
        }
        """.Replace("SHA", Sha, StringComparison.Ordinal), "rich.json", _dir.File("recipes"));

    private static Recipe Plain() =>
        RecipeFile.Parse("""{"model": "a/b", "languages": {"de": {"top": 5}}}""", "plain.json", "/tmp");

    [Fact]
    public void A_rich_recipe_reads_every_field()
    {
        var r = Rich();
        r.Schema!.FullPath.Should().Be(_dir.File("recipes.schema.json"));
        r.Description.Should().Be("Grüße <b>");
        r.Revision.Should().Be("v1.0");
        r.Languages.Select(l => l.Language).Should().Equal("de", "en", "fr");
        r.Languages[0].Should().Be(new LanguageRecipe("de", 30000)
        {
            Corpus = RecipeReference.Corpus("../corpora/deu.tar.gz", _dir.File("recipes")), MaxSentences =
                5_000_000_000, Format = CorpusFormat.PlainText,
        });
        r.Languages[2].Corpus.Should().BeNull();
        r.SpecialTokens.Should().Be(SpecialTokenPolicy.KeepSentinels(3));
        (r.PadToMultiple, r.Dtype, r.MaxShardSize, r.Overall).Should().Be((64, WeightDtype.BFloat16, "500MiB", 2000));
        r.Validation.Should().Be(new ValidationSettings
        {
            Skip = true,
            Corpora = new(
                [new("de", RecipeReference.Corpus("/data/valid/deu.txt", "/")), new(
                    "fr", RecipeReference.Corpus("fra_news_2023_1M", "/"))]),
            Sentences = 10, LogitSentences = 0, MaxNewTokens = 3, Atol = 0.5, Rtol = 1e-7, Device = "auto",
        });
        r.Card.Should().Be(
            new CardMetadata { Title = "T", License = "apache-2.0", Tags = new(["a", "b"]), Notes = "## Notes\n" });
        r.Resolved!.Model.Should().Be(new RecordedModel(ModelSource.Hub, "org/m", "abc123",
            new([new("config.json", Sha), new("spiece.model", Sha)])));
        r.Resolved.Corpora["de"].Path.FullPath.Should().Be(_dir.File("corpora/deu.tar.gz"));
        r.Resolved.KeepSha256.Should().Be(Sha);
    }

    [Theory]
    [InlineData(RecipeForm.Minimal)]
    [InlineData(RecipeForm.Full)]
    public void Load_write_load_gives_an_equal_recipe_in_another_folder(RecipeForm form)
    {
        var recipe = Rich();
        var path = _dir.File("out/deep/recipe.json");

        RecipeWriter.Write(recipe, path, form);

        RecipeFile.Load(path).Should().Be(recipe);
        Directory.GetFiles(_dir.File("out/deep")).Should().Equal(path); // atomic: no temporary file left
    }

    [Theory]
    [InlineData(RecipeForm.Minimal)]
    [InlineData(RecipeForm.Full)]
    public void A_plain_recipe_round_trips_too(RecipeForm form)
    {
        var path = _dir.File("plain.json");
        RecipeWriter.Write(Plain(), path, form);
        RecipeFile.Load(path).Should().Be(Plain());
    }

    [Theory]
    [InlineData(RecipeForm.Minimal)]
    [InlineData(RecipeForm.Full)]
    public async Task Written_recipes_fit_the_schema_as_a_plain_validator_reads_it(RecipeForm form)
    {
        var schema = await JsonSchema.FromJsonAsync(
            await File.ReadAllTextAsync(Path.Combine(RepositoryPaths.Root, "recipes.schema.json")));
        foreach (var recipe in new[] { Rich(), Plain() })
            schema.Validate(RecipeWriter.ToJson(recipe, _dir.Path, form)).Should().BeEmpty();
    }

    [Fact]
    public void The_minimal_form_of_a_plain_recipe_leaves_out_every_default()
    {
        RecipeWriter.ToJson(Plain(), "/tmp").Should().Be("""
            {
              "model": "a/b",
              "languages": {
                "de": {
                  "top": 5
                }
              }
            }

            """.Replace("\r", ""));
    }

    [Fact]
    public void The_full_form_states_every_default_of_the_schema_with_its_value()
    {
        using var written = JsonDocument.Parse(RecipeWriter.ToJson(Plain(), "/tmp", RecipeForm.Full));
        using var schema = JsonDocument.Parse(RecipeSchema.Json);
        var defaults = Defaults(schema.RootElement, schema.RootElement, "").ToList();

        defaults.Should().HaveCountGreaterThan(10);
        foreach (var (path, value) in defaults)
        {
            var found = Find(written.RootElement, path);
            found.Should().NotBeNull($"{path} has a default and the full form writes it");
            JsonElement.DeepEquals(found!.Value, value).Should().BeTrue(
                $"{path} is written as {found.Value.GetRawText()}, the schema's default is {value.GetRawText()}");
        }
    }

    [Fact]
    public void The_full_form_writes_fields_in_the_schema_order()
    {
        using var written = JsonDocument.Parse(RecipeWriter.ToJson(Rich(), _dir.Path, RecipeForm.Full));
        using var schema = JsonDocument.Parse(RecipeSchema.Json);
        var schemaOrder = schema.RootElement.GetProperty("properties").EnumerateObject().Select(p => p.Name).ToList();
        written.RootElement.EnumerateObject().Select(p => p.Name).Should().Equal(schemaOrder);
        var languageOrder = schema.RootElement.GetProperty("$defs").GetProperty("language").GetProperty(
            "properties").EnumerateObject().Select(p => p.Name);
        written.RootElement.GetProperty("languages").GetProperty("de").EnumerateObject().Select(p => p.Name)
            .Should().Equal(languageOrder);
        var validationOrder = schema.RootElement.GetProperty("properties").GetProperty("validation")
            .GetProperty("properties").EnumerateObject().Select(p => p.Name);
        written.RootElement.GetProperty("validation").EnumerateObject().Select(p => p.Name).Should()
            .Equal(validationOrder);
    }

    [Theory]
    [MemberData(nameof(ShippedRecipeTests.Recipes), MemberType = typeof(ShippedRecipeTests))]
    public void Shipped_recipes_are_in_the_writers_form(string name)
    {
        var path = Path.Combine(RepositoryPaths.Root, "recipes", name);
        RecipeWriter.ToJson(RecipeFile.Load(path), Path.GetDirectoryName(path)!).Should().Be(File.ReadAllText(path));
    }

    [Fact]
    public void An_invalid_record_is_refused_and_nothing_is_written()
    {
        var bad = Plain() with { Overall = -1 };
        var path = _dir.File("bad.json");

        var write = () => RecipeWriter.Write(bad, path);

        write.Should().Throw<RecipeException>().WithMessage($"{path}: $.overall: expected an integer >= 0, got -1");
        File.Exists(path).Should().BeFalse();
    }

    [Fact]
    public void Small_tolerances_are_written_as_json_numbers_that_read_back_exactly()
    {
        var recipe = Plain() with { Validation = ValidationSettings.Default with { Atol = 1e-4, Rtol = 3.5e-12 } };
        var json = RecipeWriter.ToJson(recipe, "/tmp");
        json.Should().Contain("\"rtol\": 3.5e-12");
        RecipeFile.Parse(json, "x.json", "/tmp").Should().Be(recipe);
    }

    // Every property with a "default" in the schema, as a path of names from the root.
    private static IEnumerable<(string Path, JsonElement Value)> Defaults(
        JsonElement root, JsonElement schema, string path)
    {
        if (!schema.TryGetProperty("properties", out var properties)) yield break;
        foreach (var p in properties.EnumerateObject())
        {
            var child = path.Length == 0 ? p.Name : $"{path}.{p.Name}";
            // An object's default ({} for validation) means "each field's default", which the fields state themselves.
            if (p.Value.TryGetProperty("default", out var value) && value.ValueKind != JsonValueKind.Object)
                yield return (child, value);
            foreach (var nested in Defaults(root, p.Value, child)) yield return nested;
        }
    }

    private static JsonElement? Find(JsonElement element, string path)
    {
        foreach (var name in path.Split('.'))
            if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out element)) return null;
        return element;
    }
}
