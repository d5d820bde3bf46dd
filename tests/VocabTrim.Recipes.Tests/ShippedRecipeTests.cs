using VocabTrim.Corpora;
using VocabTrim.Recipes;
using VocabTrim.Selection;
using VocabTrim.TestSupport;

namespace VocabTrim.Recipes.Tests;

public class ShippedRecipeTests
{
    private static readonly string Folder = Path.Combine(RepositoryPaths.Root, "recipes");

    public static TheoryData<string> Recipes() => new(Directory.GetFiles(Folder, "*.json").Select(Path.GetFileName)!);

    [Theory]
    [MemberData(nameof(Recipes))]
    public void Every_shipped_recipe_loads_and_links_the_schema(string name)
    {
        var recipe = RecipeFile.Load(Path.Combine(Folder, name));

        recipe.Languages.Should().NotBeEmpty();
        recipe.Description.Should().NotBeNullOrWhiteSpace("shipped recipes say what they are for");
        recipe.Schema!.FullPath.Should().Be(Path.Combine(RepositoryPaths.Root, "recipes.schema.json"));
    }

    [Fact]
    public void The_recipes_the_issue_asks_for_are_shipped()
    {
        Directory.GetFiles(Folder, "*.json").Select(Path.GetFileName).Should().BeEquivalentTo(
            "mt0-xl-en-de.json", "mt0-small-en-de.json", "bloomz-560m-en-de.json", "demo-en-de.json",
            "llama-3.2-1b-en-de.json", "qwen2.5-0.5b-en-de.json", "gemma-3-1b-en-de.json");
    }

    [Theory]
    [InlineData("llama-3.2-1b-en-de.json", "meta-llama/Llama-3.2-1B")]
    [InlineData("qwen2.5-0.5b-en-de.json", "Qwen/Qwen2.5-0.5B")]
    [InlineData("gemma-3-1b-en-de.json", "google/gemma-3-1b-pt")]
    public void The_llama_family_recipes_keep_20000_english_and_20000_german(string file, string model)
    {
        var recipe = RecipeFile.Load(Path.Combine(Folder, file));

        recipe.Model.IsPath.Should().BeFalse();
        recipe.Model.Text.Should().Be(model);
        recipe.Languages.Select(l => (l.Language, l.Top, l.Corpus!.Text)).Should().Equal(
            ("en", 20000, "eng_news_2023_1M"), ("de", 20000, "deu_news_2023_1M"));
    }

    [Fact]
    public void The_gemma_recipe_skips_validation_and_says_why()
    {
        // The inference core has no Gemma network: with validation on, adapt refuses a Gemma folder.
        var recipe = RecipeFile.Load(Path.Combine(Folder, "gemma-3-1b-en-de.json"));

        recipe.Validation.Skip.Should().BeTrue();
        recipe.Description.Should().Contain("gemma3_text").And.Contain("not in vocabtrim's inference core");
        recipe.Validation.Should().Be(ValidationSettings.Default with { Skip = true });
    }

    [Fact]
    public void The_published_example_keeps_2000_overall_15000_english_and_30000_german_from_the_news_2023_corpora()
    {
        var recipe = RecipeFile.Load(Path.Combine(Folder, "mt0-xl-en-de.json"));

        recipe.Model.IsPath.Should().BeFalse();
        recipe.Model.Text.Should().Be("bigscience/mt0-xl");
        recipe.Overall.Should().Be(2000);
        recipe.Languages.Select(l => (l.Language, l.Top, l.Corpus!.Text, l.Corpus.IsPath)).Should().Equal(
            ("en", 15000, "eng_news_2023_1M", false), ("de", 30000, "deu_news_2023_1M", false));
        recipe.SpecialTokens.Should().Be(SpecialTokenPolicy.All);
        recipe.Validation.Should().Be(ValidationSettings.Default);
    }

    [Theory]
    [InlineData("mt0-small-en-de.json", "bigscience/mt0-small")]
    [InlineData("bloomz-560m-en-de.json", "bigscience/bloomz-560m")]
    public void The_small_models_are_hub_ids_with_quotas_for_en_and_de(string name, string model)
    {
        var recipe = RecipeFile.Load(Path.Combine(Folder, name));

        recipe.Model.Text.Should().Be(model);
        recipe.Model.IsPath.Should().BeFalse();
        recipe.Languages.Select(l => l.ToString()).Should().Equal("en:15000", "de:30000");
        recipe.Overall.Should().Be(2000);
    }

    [Fact]
    public void The_demo_recipe_points_into_the_repository_relative_to_its_own_folder()
    {
        // The files are made by the demo generator; loading must not need them.
        var recipe = RecipeFile.Load(Path.Combine(Folder, "demo-en-de.json"));

        recipe.Model.IsPath.Should().BeTrue();
        recipe.Model.FullPath.Should().Be(Path.Combine(RepositoryPaths.Root, "models", "demo-mt5"));
        recipe.Languages.Select(l => (l.Language, l.Top, l.Corpus!.FullPath)).Should().Equal(
            ("en", 2000, Path.Combine(RepositoryPaths.Root, "corpora", "demo", "eng_news_2020_2K-sentences.txt")),
            ("de", 3000, Path.Combine(RepositoryPaths.Root, "corpora", "demo", "deu_news_2020_2K-sentences.txt")));
        recipe.Languages.Should().OnlyContain(l => l.Format == CorpusFormat.Leipzig && l.MaxSentences == null);
        recipe.Overall.Should().Be(500);
        recipe.Validation.Sentences.Should().Be(500);
        recipe.Validation.LogitSentences.Should().Be(8);
    }
}
