using VocabTrim.Recipes;
using VocabTrim.TestSupport;

namespace VocabTrim.Recipes.Tests;

public sealed class RecipeErrorTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private static string Error(string json)
    {
        var load = () => RecipeFile.Parse(json, "recipes/x.json", "/tmp");
        return load.Should().Throw<RecipeException>().Which.Message;
    }

    [Theory]
    // An unknown field, at the top and deep down, lists the fields that are allowed there.
    [InlineData("""{"model": "a/b", "languages": {"de": {"top": 5, "tpo": 3}}}""",
        "recipes/x.json: $.languages.de.tpo: unknown field (expected one of top, corpus, maxSentences, format)")]
    [InlineData("""{"model": "a/b", "languages": {"de": {"top": 5}}, "validation": {"atoll": 1}}""",
        "recipes/x.json: $.validation.atoll: unknown field (expected one of skip, corpora, sentences, " +
        "logitSentences, maxNewTokens, atol, rtol, device)")]
    [InlineData("""{"model": "a/b", "languages": {"de": {"top": 5}}, "overal": 3}""",
        "recipes/x.json: $.overal: unknown field (expected one of $schema, description, model, revision, languages, " +
        "overall, specialTokens, padToMultiple, dtype, maxShardSize, validation, card, resolved)")]
    // Wrong type.
    [InlineData("""{"model": "a/b", "languages": {"de": {"top": "many"}}}""",
        "recipes/x.json: $.languages.de.top: expected an integer >= 1, got \"many\"")]
    [InlineData("""{"model": "a/b", "languages": {"de": {"top": 2.5}}}""",
        "recipes/x.json: $.languages.de.top: expected an integer >= 1, got 2.5")]
    [InlineData("""{"model": "a/b", "languages": {"de": {"top": 5}}, "validation": {"skip": "yes"}}""",
        "recipes/x.json: $.validation.skip: expected true or false, got \"yes\"")]
    [InlineData("""{"model": "a/b", "languages": {"de": {"top": 5}}, "card": {"tags": ["a", 3]}}""",
        "recipes/x.json: $.card.tags[1]: expected a non-empty string, got 3")]
    [InlineData("""{"model": "a/b", "languages": {"de": {"top": 5}}, "card": {"tags": "a"}}""",
        "recipes/x.json: $.card.tags: expected an array of non-empty strings, got \"a\"")]
    [InlineData("""{"model": 7, "languages": {"de": {"top": 5}}}""",
        "recipes/x.json: $.model: expected a non-empty string, got 7")]
    // Below the minimum, empty.
    [InlineData("""{"model": "a/b", "languages": {"de": {"top": 0}}}""",
        "recipes/x.json: $.languages.de.top: expected an integer >= 1, got 0")]
    [InlineData("""{"model": "a/b", "languages": {"de": {"top": 5}}, "overall": -1}""",
        "recipes/x.json: $.overall: expected an integer >= 0, got -1")]
    [InlineData("""{"model": "a/b", "languages": {"de": {"top": 5}}, "validation": {"atol": -0.5}}""",
        "recipes/x.json: $.validation.atol: expected a number >= 0, got -0.5")]
    [InlineData("""{"model": "", "languages": {"de": {"top": 5}}}""",
        "recipes/x.json: $.model: expected a non-empty string, got \"\"")]
    [InlineData("""{"model": "a/b", "languages": {}}""",
        "recipes/x.json: $.languages: expected an object with at least 1 entry, got {}")]
    // Bad enumeration values, including the sentinel policy's "all" | "none" | N.
    [InlineData("""{"model": "a/b", "languages": {"de": {"top": 5}}, "dtype": "fp8"}""",
        "recipes/x.json: $.dtype: expected one of \"keep\", \"float32\", \"float16\", \"bfloat16\", got \"fp8\"")]
    [InlineData("""{"model": "a/b", "languages": {"de": {"top": 5, "format": "xml"}}}""",
        "recipes/x.json: $.languages.de.format: expected one of \"leipzig\", \"plain-text\", got \"xml\"")]
    [InlineData("""{"model": "a/b", "languages": {"de": {"top": 5}}, "specialTokens": {"sentinels": "some"}}""",
        "recipes/x.json: $.specialTokens.sentinels: expected one of \"all\", \"none\" or an integer >= 0, got " +
        "\"some\"")]
    [InlineData("""{"model": "a/b", "languages": {"de": {"top": 5}}, "specialTokens": {"sentinels": -2}}""",
        "recipes/x.json: $.specialTokens.sentinels: expected one of \"all\", \"none\" or an integer >= 0, got -2")]
    [InlineData("""{"model": "a/b", "languages": {"de": {"top": 5}}, "maxShardSize": "5 gigs"}""",
        "recipes/x.json: $.maxShardSize: expected a string matching ^[0-9]+(\\.[0-9]+)?\\s*([KMGT]i?B|B)?$, got \"5 " +
        "gigs\"")]
    // Missing required fields.
    [InlineData("""{"languages": {"de": {"top": 5}}}""",
        "recipes/x.json: $.model: missing required field (expected a non-empty string)")]
    [InlineData("""{"model": "a/b", "languages": {"de": {"corpus": "deu_news_2023_1M"}}}""",
        "recipes/x.json: $.languages.de.top: missing required field (expected an integer >= 1)")]
    // Bad language codes, and two codes of one language.
    [InlineData("""{"model": "a/b", "languages": {"xx": {"top": 5}}}""",
        "recipes/x.json: $.languages.xx: unknown language code 'xx' (expected an ISO 639-1 code such as de or an ISO " +
        "639-3 code such as deu)")]
    [InlineData("""{"model": "a/b", "languages": {"eng": {"top": 5}, "de": {"top": 5}, "en": {"top": 7}}}""",
        "recipes/x.json: $.languages.en: English (en) is given twice: $.languages.eng names the same language")]
    [InlineData(
        """{"model": "a/b", "languages": {"de": {"top": 5}}, "validation": {"corpora": {"fr": "fra_news_2023_1M"}}}""",
        "recipes/x.json: $.validation.corpora.fr: fr is not one of the recipe's languages (expected one of de)")]
    // What the schema cannot say: a key twice, a number too large for the records.
    [InlineData("""{"model": "a/b", "languages": {"de": {"top": 5, "top": 6}}}""",
        "recipes/x.json: $.languages.de.top: given twice")]
    [InlineData("""{"model": "a/b", "languages": {"de": {"top": 3000000000}}}""",
        "recipes/x.json: $.languages.de.top: expected an integer <= 2147483647, got 3000000000")]
    [InlineData("""{"model": "a/b", "languages": {"de": {"top": 5, "maxSentences": 99999999999999999999999}}}""",
        "recipes/x.json: $.languages.de.maxSentences: expected an integer that fits in 64 bits, got " +
        "99999999999999999999999")]
    [InlineData("""{"model": "a/b", "languages": {"de": {"top": 5}}, "validation": {"atol": 1e400}}""",
        "recipes/x.json: $.validation.atol: expected a finite number, got 1e400")]
    // The resolved section.
    [InlineData(
        """
        {"model": "a/b", "languages": {"de": {"top": 5}}, "resolved": {"vocabtrimVersion": "0.1.0",
         "model": {"source": "hub", "files": {"config.json": "abc"}}, "corpora": {},
         "keepSha256": "0000000000000000000000000000000000000000000000000000000000000000"}}
        """,
        "recipes/x.json: $.resolved.model.files['config.json']: expected a string matching ^[0-9a-f]{64}$, got " +
        "\"abc\"")]
    [InlineData(
        """
        {"model": "a/b", "languages": {"de": {"top": 5}},
         "resolved": {"vocabtrimVersion": "0.1.0", "model": {"source": "hub", "files": {}}, "corpora": {}}}
        """,
        "recipes/x.json: $.resolved.keepSha256: missing required field (expected a string matching ^[0-9a-f]{64}$)")]
    public void Each_mistake_is_one_line_with_the_json_path_and_what_was_expected(string json, string expected)
    {
        Error(json).Should().Be(expected);
    }

    [Fact]
    public void Several_mistakes_report_the_first_in_the_file_and_count_the_rest()
    {
        Error("""{"model": "a/b", "languages": {"de": {"top": "many", "tpo": 1}}, "dtype": "fp8"}""")
            .Should().Be(
                "recipes/x.json: $.languages.de.top: expected an integer >= 1, got \"many\" (and 2 more problems)");
    }

    [Fact]
    public void A_document_that_is_not_an_object_says_so()
    {
        Error("[1, 2]").Should().StartWith("recipes/x.json: $: expected an object, got an array");
    }

    [Theory]
    [InlineData("{\n  \"model\": \"a/b\",\n  \"languages\": {\"de\": {\"top\": 5},}\n}", 3)]
    [InlineData("{\n  \"model\": \"a/b\"\n  \"languages\": {}\n}", 3)]
    [InlineData("{\n  // comments are not JSON\n  \"model\": \"a/b\"\n}", 2)]
    [InlineData("", 1)]
    public void Malformed_json_names_the_line_and_column(string json, int line)
    {
        Error(json).Should().MatchRegex($"^recipes/x\\.json: line {line}, column [0-9]+: malformed JSON: [^\\n]+$");
    }

    [Fact]
    public void Malformed_json_points_at_the_offending_character()
    {
        Error("{\n  \"model\": \"a/b\",\n  \"languages\": {\"de\": {\"top\": 5},}\n}")
            .Should().StartWith("recipes/x.json: line 3, column 34: malformed JSON:");
    }

    [Fact]
    public void Load_names_the_file_as_given()
    {
        var path = _dir.File("broken.json");
        File.WriteAllText(path, """{"model": "a/b", "languages": {"de": {"top": 0}}}""");

        var load = () => RecipeFile.Load(path);

        load.Should().Throw<RecipeException>().Which.Should().Match<RecipeException>(e =>
            e.Message == $"{path}: $.languages.de.top: expected an integer >= 1, got 0"
            && e.Origin == path && e.JsonPath == "$.languages.de.top"
                && e.Problem == "expected an integer >= 1, got 0");
    }

    [Fact]
    public void A_missing_file_is_a_recipe_error()
    {
        var load = () => RecipeFile.Load(_dir.File("absent.json"));
        load.Should().Throw<RecipeException>().WithMessage($"{_dir.File("absent.json")}: no such recipe file");
    }

    [Fact]
    public void Strings_that_look_like_dates_stay_strings()
    {
        var recipe = RecipeFile.Parse(
            """
            {"description": "2023-01-01", "model": "a/b", "revision": "2023-01-01T10:00:00",
             "languages": {"de": {"top": 5}}}
            """, "x.json", "/tmp");
        recipe.Description.Should().Be("2023-01-01");
        recipe.Revision.Should().Be("2023-01-01T10:00:00");
    }

    [Fact]
    public void Codes_are_normalized_to_the_shortest_known_code()
    {
        var recipe = RecipeFile.Parse(
            """
            {"model": "a/b", "languages": {"eng": {"top": 5}, "DE": {"top": 6}, "pt-BR": {"top": 7}, "ceb": {"top": 8}},
             "validation": {"corpora": {"deu": "d.txt"}}}
            """, "x.json", "/tmp");
        recipe.Languages.Select(l => l.Language).Should().Equal("en", "de", "pt", "ceb");
        recipe.Validation.Corpora.Keys.Should().Equal("de");
        recipe.Language("deu")!.Top.Should().Be(6);
    }
}
