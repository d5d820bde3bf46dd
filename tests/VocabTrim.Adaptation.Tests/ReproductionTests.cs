using VocabTrim.TestSupport;

namespace VocabTrim.Adaptation.Tests;

/// <summary>
/// <c>adapt --recipe out/recipe.json</c> reproduces <c>out</c> byte for byte, and refuses, with one line, inputs
/// that changed since the recipe ran. Validation is skipped: it does not change the model, and it is tested elsewhere.
/// </summary>
public sealed class ReproductionTests : IDisposable
{
    private readonly TempDir _temp = new();

    public void Dispose() => _temp.Dispose();

    private static string Demo => ShippedRecipes.PathOf("demo-en-de.json");

    private string Cache => _temp.File("cache");

    [Fact]
    public void Adapting_the_written_recipe_again_gives_the_same_model_keep_list_and_recipe()
    {
        var first = CliRun.Of(
            "adapt", "--recipe", Demo, "--skip-validation", "--out", _temp.File("first"), "--cache", Cache, "--quiet");
        first.ExitCode.Should().Be(0, first.ToString());

        // A fresh counts cache: the second run counts again rather than reusing the first run's numbers.
        var again = CliRun.Of(
            "adapt", "--recipe", _temp.File("first/recipe.json"), "--out", _temp.File("again"), "--cache",
            _temp.File("other-cache"), "--quiet");

        again.ExitCode.Should().Be(0, again.ToString());
        foreach (var file in new[] { "model.safetensors", "spiece.model", "keep.json" })
            File.ReadAllBytes(_temp.File($"again/{file}")).Should().Equal(
                File.ReadAllBytes(_temp.File($"first/{file}")), file);
        // Both folders sit side by side, so even the paths relative to them are the same.
        File.ReadAllText(_temp.File("again/recipe.json")).Should().Be(
            File.ReadAllText(_temp.File("first/recipe.json")));
    }

    [Fact]
    public void A_corpus_that_changed_since_the_recipe_ran_is_refused_with_one_line_naming_it()
    {
        var corpora = Directory.CreateDirectory(_temp.File("corpora")).FullName;
        var english = Path.Combine(corpora, "eng.txt");
        var german = Path.Combine(corpora, "deu.txt");
        File.Copy(Path.Combine(RepositoryPaths.Root, "corpora/demo/eng_news_2020_2K-sentences.txt"), english);
        File.Copy(Path.Combine(RepositoryPaths.Root, "corpora/demo/deu_news_2020_2K-sentences.txt"), german);
        var first = CliRun.Of(
            "adapt", "--recipe", Demo, "--corpus", $"en={english}", "--corpus", $"de={german}", "--skip-validation",
            "--out", _temp.File("first"), "--cache", Cache, "--quiet");
        first.ExitCode.Should().Be(0, first.ToString());

        // One letter of one sentence, same length: only the hash can tell.
        var bytes = File.ReadAllBytes(german);
        var at = Array.IndexOf(bytes, (byte)'e', bytes.Length / 2);
        bytes[at] = (byte)'a';
        File.WriteAllBytes(german, bytes);

        var again = CliRun.Of(
            "adapt", "--recipe", _temp.File("first/recipe.json"), "--out", _temp.File("again"), "--cache", Cache,
            "--quiet");

        again.ExitCode.Should().Be(1, again.ToString());
        again.Output.Should().BeEmpty();
        var line = again.Error.TrimEnd('\n').Should().NotContain(
            "\n", "the error is one line, not a stack trace").And.Subject;
        line.Should().StartWith("vocabtrim: ").And.Contain("de").And.Contain(german).And.Contain("changed");
        Directory.Exists(_temp.File("again")).Should().BeFalse(
            "nothing is written for a run that cannot reproduce its recipe");
    }

    [Fact]
    public void A_corpus_given_by_flag_replaces_the_written_recipes_corpus_instead_of_failing_its_hash_check()
    {
        var first = CliRun.Of(
            "adapt", "--recipe", Demo, "--skip-validation", "--out", _temp.File("first"), "--cache", Cache, "--quiet");
        first.ExitCode.Should().Be(0, first.ToString());
        var english = _temp.File("eng.txt");
        File.WriteAllLines(
            english, File.ReadLines(Path.Combine(RepositoryPaths.Root, "corpora/demo/eng_news_2020_2K-sentences.txt"))
            .Take(500));

        var again = CliRun.Of("adapt", "--recipe", _temp.File("first/recipe.json"), "--corpus", $"en={english}",
            "--out", _temp.File("again"), "--cache", Cache, "--quiet");

        again.ExitCode.Should().Be(0, again.ToString());
        var recorded = VocabTrim.Recipes.RecipeFile.Load(_temp.File("again/recipe.json")).Resolved!.Corpora;
        recorded["en"].Path.FullPath.Should().Be(english);
        recorded["en"].Sha256.Should().Be(
            Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(english))));
        recorded["de"].Should().Be(
            VocabTrim.Recipes.RecipeFile.Load(_temp.File("first/recipe.json")).Resolved!.Corpora["de"]);
    }

    [Fact]
    public void A_model_file_that_changed_since_the_recipe_ran_is_refused_with_one_line_naming_it()
    {
        var model = Directory.CreateDirectory(_temp.File("model")).FullName;
        foreach (var file in Directory.GetFiles(Path.Combine(RepositoryPaths.Root, "models/demo-mt5")))
            File.Copy(file, Path.Combine(model, Path.GetFileName(file)));
        var first = CliRun.Of(
            "adapt", "--recipe", Demo, "--model", model, "--skip-validation", "--out", _temp.File("first"), "--cache",
            Cache, "--quiet");
        first.ExitCode.Should().Be(0, first.ToString());

        File.AppendAllText(Path.Combine(model, "config.json"), "\n");

        var again = CliRun.Of(
            "adapt", "--recipe", _temp.File("first/recipe.json"), "--out", _temp.File("again"), "--cache", Cache,
            "--quiet");

        again.ExitCode.Should().Be(1, again.ToString());
        again.Error.TrimEnd('\n').Should().NotContain("\n").And.Contain("config.json").And.Contain("changed");
        Directory.Exists(_temp.File("again")).Should().BeFalse();
    }

    [Fact]
    public void A_model_given_as_org_name_that_is_a_folder_of_the_working_folder_is_recorded_as_that_folder()
    {
        // "models/demo" reads as a hub id; the folder of that name is found in the working folder, not beside the
        // recipe.
        var work = Directory.CreateDirectory(_temp.File("work")).FullName;
        var model = Directory.CreateDirectory(Path.Combine(work, "models/demo")).FullName;
        foreach (var file in Directory.GetFiles(Path.Combine(RepositoryPaths.Root, "models/demo-mt5")))
            File.Copy(file, Path.Combine(model, Path.GetFileName(file)));
        Directory.CreateDirectory(Path.Combine(work, "recipes"));
        File.WriteAllText(Path.Combine(work, "recipes/demo.json"), $$"""
            {
              "model": "models/demo",
              "languages": {
                "en": {
                  "top": 100,
                  "corpus": "{{Path.Combine(RepositoryPaths.Root, "corpora/demo/eng_news_2020_2K-sentences.txt")}}"
                }
              },
              "validation": { "skip": true }
            }
            """);
        var first = VocabTrimProcess.RunIn(work, new Dictionary<string, string?>(),
            "adapt", "--recipe", "recipes/demo.json", "--out", "out/first", "--cache", Cache, "--quiet");
        first.ExitCode.Should().Be(0, first.ToString());

        var recorded = VocabTrim.Recipes.RecipeFile.Load(Path.Combine(work, "out/first", OutputFiles.Recipe));
        recorded.Model.IsPath.Should().BeTrue();
        recorded.Model.FullPath.Should().Be(model, "the folder that was read, wherever the recipe is");

        var again = CliRun.Of(
            "adapt", "--recipe", Path.Combine(work, "out/first", OutputFiles.Recipe), "--out", Path.Combine(
                work, "out/again"), "--cache", Cache, "--quiet");
        again.ExitCode.Should().Be(0, again.ToString());
        File.ReadAllBytes(Path.Combine(work, "out/again/model.safetensors")).Should().Equal(
            File.ReadAllBytes(Path.Combine(work, "out/first/model.safetensors")));
    }
}
