using VocabTrim.Recipes;
using VocabTrim.TestSupport;

namespace VocabTrim.Recipes.Tests;

public sealed class RecipeReferenceTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData("bigscience/mt0-xl", false)]
    [InlineData("models/demo-mt5", false)] // org/name shape: a hub id; write ./models/demo-mt5 for the folder
    [InlineData("./models/demo-mt5", true)]
    [InlineData("../models/demo-mt5", true)]
    [InlineData("mt0-small", true)]
    [InlineData("mt0-small/", true)]
    [InlineData("/srv/models/mt0-small", true)]
    [InlineData("a/b/c", true)]
    public void A_model_is_a_hub_id_exactly_when_it_reads_org_slash_name(string text, bool isPath)
    {
        var model = RecipeReference.Model(text, _dir.Path);
        model.IsPath.Should().Be(isPath);
        model.Value.Should().Be(isPath ? Path.GetFullPath(text, _dir.Path) : text);
    }

    [Theory]
    [InlineData("eng_news_2023_1M", false)]
    [InlineData("deu-ch_web_2002_10K", false)]
    [InlineData("eng_news_2023_1M.tar.gz", true)]
    [InlineData("corpora/eng.txt", true)]
    [InlineData("./eng_news_2023_1M", true)]
    public void A_corpus_is_a_name_exactly_when_it_has_only_letters_digits_underscores_and_dashes(
        string text, bool isPath)
    {
        RecipeReference.Corpus(text, _dir.Path).IsPath.Should().Be(isPath);
    }

    [Fact]
    public void Relative_paths_resolve_against_the_recipe_folder_and_keep_their_text()
    {
        var recipes = Directory.CreateDirectory(_dir.File("recipes")).FullName;
        var path = Path.Combine(recipes, "x.json");
        File.WriteAllText(path, """
            {"model": "../models/m",
             "languages": {"de": {"top": 5, "corpus": "../data/deu.txt"},
                           "en": {"top": 5, "corpus": "eng_news_2023_1M"}},
             "validation": {"corpora": {"de": "/abs/deu-valid.txt"}}}
            """);

        var recipe = RecipeFile.Load(path);

        recipe.Model.FullPath.Should().Be(_dir.File("models/m"));
        recipe.Model.Text.Should().Be("../models/m");
        recipe.Languages[0].Corpus!.FullPath.Should().Be(_dir.File("data/deu.txt"));
        recipe.Languages[0].Corpus!.Text.Should().Be("../data/deu.txt");
        recipe.Languages[1].Corpus!.Value.Should().Be("eng_news_2023_1M");
        recipe.Validation.Corpora["de"].FullPath.Should().Be("/abs/deu-valid.txt");
    }

    [Fact]
    public void Written_elsewhere_relative_paths_are_rewritten_and_names_and_absolute_paths_stay()
    {
        var recipe = RecipeFile.Parse("""
            {"model": "../models/m",
             "languages": {"de": {"top": 5, "corpus": "../data/deu.txt"},
                           "en": {"top": 5, "corpus": "eng_news_2023_1M"}},
             "validation": {"corpora": {"de": "/abs/deu-valid.txt"}}}
            """, "x.json", _dir.File("recipes"));

        var json = RecipeWriter.ToJson(recipe, _dir.File("out/run1"));

        json.Should().Contain("\"model\": \"../../models/m\"")
            .And.Contain("\"corpus\": \"../../data/deu.txt\"")
            .And.Contain("\"corpus\": \"eng_news_2023_1M\"")
            .And.Contain("\"de\": \"/abs/deu-valid.txt\"");
        RecipeFile.Parse(json, "y.json", _dir.File("out/run1")).Should().Be(recipe);
    }

    [Fact]
    public void A_rewritten_path_that_would_read_as_a_name_gets_a_leading_dot_slash()
    {
        var recipe = RecipeFile.Parse(
            """{"model": "./models/m", "languages": {"de": {"top": 5, "corpus": "./data/deu"}}}""", "x.json",
            _dir.Path);

        var json = RecipeWriter.ToJson(recipe, _dir.Path);
        json.Should().Contain("\"model\": \"./models/m\"").And.Contain("\"corpus\": \"./data/deu\"");
        RecipeWriter.ToJson(recipe, _dir.File("data")).Should().Contain("\"corpus\": \"./deu\"");
        RecipeFile.Parse(json, "y.json", _dir.Path).Should().Be(recipe);
    }

    [Fact]
    public void References_are_equal_when_they_name_the_same_thing()
    {
        RecipeReference.File("../a.txt", _dir.File("x")).Should().Be(RecipeReference.File("a.txt", _dir.Path));
        RecipeReference.File("a.txt", _dir.File("x")).Should().NotBe(RecipeReference.File("a.txt", _dir.Path));
        RecipeReference.Corpus("eng_news_2023_1M", _dir.File("x")).Should().Be(
            RecipeReference.Corpus("eng_news_2023_1M", _dir.Path));
    }
}
