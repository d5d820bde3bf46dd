using VocabTrim.TestSupport;
using Xunit.Abstractions;

namespace VocabTrim.Adaptation.Tests;

/// <summary>
/// Every recipe in recipes/ whose inputs are all local files runs through <c>vocabtrim adapt</c> as shipped, and
/// <c>vocabtrim test</c> passes on what it wrote. Recipes that need the network are named, not run; a new offline
/// recipe is picked up without touching this file.
/// </summary>
public sealed class OfflineRecipeTests(ITestOutputHelper log) : IDisposable
{
    private readonly TempDir _temp = new();

    public void Dispose() => _temp.Dispose();

    public static TheoryData<string> OfflineRecipes() => [.. ShippedRecipes.Offline];

    [Theory]
    [MemberData(nameof(OfflineRecipes))]
    public void An_offline_recipe_adapts_to_a_complete_folder_that_passes_its_regression_test(string name)
    {
        var output = _temp.File("out");
        var recipe = VocabTrim.Recipes.RecipeFile.Load(ShippedRecipes.PathOf(name));

        var adapt = CliRun.Of(
            "adapt", "--recipe", ShippedRecipes.PathOf(name), "--out", output, "--cache", _temp.File("cache"));

        adapt.ExitCode.Should().Be(0, adapt.ToString());
        adapt.Output.Should().Contain("validation: passed").And.Contain($"wrote {output}");
        OutputFolderContents.ShouldBeComplete(
            output, [.. recipe.Languages.Select(l => l.Language)], validated: !recipe.Validation.Skip);

        var test = CliRun.Of(
            "test", "--recipe", Path.Combine(output, OutputFiles.Recipe), "--model-dir", output, "--quiet");

        test.ExitCode.Should().Be(0, test.ToString());
        test.Output.Should().Contain("tokenization compared with").And.Contain("test passed");
    }

    [Fact]
    public void The_demo_recipe_runs_offline_and_the_published_ones_are_named_as_needing_the_network()
    {
        var network = ShippedRecipes.Names.Where(n => ShippedRecipes.NetworkInputs(n).Count > 0).ToList();
        foreach (var name in network)
            log.WriteLine($"not run offline: {name}: {string.Join("; ", ShippedRecipes.NetworkInputs(name))}");

        ShippedRecipes.Offline.Should().Contain(
            "demo-en-de.json", "the README's first command runs it without a network");
        network.Should().Contain(["mt0-xl-en-de.json", "mt0-small-en-de.json", "bloomz-560m-en-de.json"]);
        ShippedRecipes.NetworkInputs("mt0-small-en-de.json").Should().Equal(
            "model bigscience/mt0-small is a hub id", "en corpus eng_news_2023_1M is a Leipzig name",
            "de corpus deu_news_2023_1M is a Leipzig name");
    }
}
