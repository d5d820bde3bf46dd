using System.CommandLine;
using System.Text.Json;
using VocabTrim.Cli;
using VocabTrim.Counting;
using VocabTrim.Recipes;
using VocabTrim.TestSupport;

namespace VocabTrim.Adaptation.Tests;

/// <summary>
/// <c>vocabtrim adapt</c> as a user meets it on the offline demo recipe: what goes to stdout and stderr, exit
/// codes, one-line errors, flags over recipe fields. Most runs skip validation to stay quick.
/// </summary>
public sealed class AdaptCommandTests : IDisposable
{
    private readonly TempDir _temp = new();

    public void Dispose() => _temp.Dispose();

    private static string Demo => ShippedRecipes.PathOf("demo-en-de.json");

    private CliRun Adapt(string output, params string[] flags) =>
        CliRun.Of(["adapt", "--recipe", Demo, "--out", output, "--cache", _temp.File("cache"), .. flags]);

    [Fact]
    public void Json_prints_one_parseable_object_on_stdout_and_the_progress_on_stderr()
    {
        var output = _temp.File("out");

        var run = Adapt(output, "--json", "--validation-sentences", "50");

        run.ExitCode.Should().Be(0, run.ToString());
        using var summary = JsonDocument.Parse(run.Output); // throws on anything before or after the one object
        var root = summary.RootElement;
        root.ValueKind.Should().Be(JsonValueKind.Object);
        root.GetProperty("output").GetString().Should().Be(output);
        root.GetProperty("passed").GetBoolean().Should().BeTrue();
        root.GetProperty("validated").GetBoolean().Should().BeTrue();
        root.GetProperty("languages").EnumerateArray().Select(l => l.GetProperty("language").GetString())
            .Should().Equal("en", "de");
        root.GetProperty("vocabularyRows").GetProperty("after").GetInt64().Should().BeLessThan(
            root.GetProperty("vocabularyRows").GetProperty("before").GetInt64());
        run.Error.Should().Contain("[trim] done in").And.Contain("[validate] done in");
    }

    [Fact]
    public void Shard_size_and_validation_depth_flags_reach_the_writer_and_the_validator()
    {
        var output = _temp.File("out");

        // Lower case, as a user types it; the recipe.json written must still pass the schema.
        var run = Adapt(output, "--max-shard-size", "1mb", "--logit-sentences", "2", "--max-new-tokens", "3",
            "--quiet");

        run.ExitCode.Should().Be(0, run.ToString());
        Directory.GetFiles(output, "model*.safetensors*").Select(Path.GetFileName).Order(StringComparer.Ordinal)
            .Should().Equal("model-00001-of-00003.safetensors", "model-00002-of-00003.safetensors",
                "model-00003-of-00003.safetensors", "model.safetensors.index.json");
        using var recipe = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(output, "recipe.json")));
        recipe.RootElement.GetProperty("maxShardSize").GetString().Should().Be("1MB");
        RecipeFile.Load(Path.Combine(output, "recipe.json")).MaxShardSize.Should().Be("1MB");
        using var validation = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(output, "validation.json")));
        var options = validation.RootElement.GetProperty("options");
        (options.GetProperty("logit_sentences").GetInt32(), options.GetProperty("max_new_tokens").GetInt32())
            .Should().Be((2, 3));
        validation.RootElement.GetProperty("languages").EnumerateArray()
            .Should().OnlyContain(l => l.GetProperty("logit_steps").GetInt32() == 2 * 3);
    }

    [Fact]
    public void An_existing_output_is_refused_in_one_line_and_left_untouched_unless_forced()
    {
        var output = Directory.CreateDirectory(_temp.File("out")).FullName;
        File.WriteAllText(Path.Combine(output, "mine.txt"), "keep me");

        var refused = Adapt(output, "--skip-validation");

        refused.ExitCode.Should().Be(1, refused.ToString());
        refused.Output.Should().BeEmpty();
        refused.Error.TrimEnd('\n').Should().NotContain("\n", "one line, no stack trace")
            .And.StartWith("vocabtrim: ").And.Contain(output).And.Contain("--force");
        Directory.GetFileSystemEntries(output).Select(Path.GetFileName).Should().Equal("mine.txt");
        File.ReadAllText(Path.Combine(output, "mine.txt")).Should().Be("keep me");
        Directory.GetDirectories(_temp.Path).Select(Path.GetFileName).Should().Equal("out");

        var forced = Adapt(output, "--skip-validation", "--force", "--quiet");

        forced.ExitCode.Should().Be(0, forced.ToString());
        File.Exists(Path.Combine(output, "mine.txt")).Should().BeFalse("the old folder is replaced as a whole");
        File.Exists(Path.Combine(output, "model.safetensors")).Should().BeTrue();
    }

    [Theory]
    [InlineData("inputs/model", "is the model folder")]
    [InlineData("inputs", "holds the model folder")]
    [InlineData("inputs/corpora", "holds the en corpus")]
    public void Force_never_replaces_a_folder_that_is_or_holds_an_input(string output, string refusal)
    {
        var model = Directory.CreateDirectory(_temp.File("inputs/model")).FullName;
        foreach (var file in Directory.GetFiles(Path.Combine(RepositoryPaths.Root, "models/demo-mt5")))
            File.Copy(file, Path.Combine(model, Path.GetFileName(file)));
        var english = _temp.File("inputs/corpora/eng.txt");
        Directory.CreateDirectory(Path.GetDirectoryName(english)!);
        File.Copy(Path.Combine(RepositoryPaths.Root, "corpora/demo/eng_news_2020_2K-sentences.txt"), english);
        var before = Fingerprint(_temp.File("inputs"));

        var run = Adapt(
            _temp.File(output), "--model", model, "--corpus", $"en={english}", "--force", "--skip-validation");

        run.ExitCode.Should().Be(1, run.ToString());
        run.Error.TrimEnd('\n').Should().NotContain("\n").And.StartWith("vocabtrim: ").And.Contain(refusal);
        Fingerprint(_temp.File("inputs")).Should().Equal(before, "the inputs are untouched");
        Directory.GetFileSystemEntries(_temp.Path, ".*", SearchOption.AllDirectories).Should()
            .BeEmpty("no work folder was made");
    }

    [Theory]
    [InlineData("""{ "top": "many" }""", "$.languages.de.top")]
    [InlineData(
        """{ "top": 30, "corpus": "../corpora/demo/deu_news_2020_2K-sentences.txt", "sentences": 10 }""",
        "$.languages.de.sentences")]
    public void A_bad_recipe_field_is_refused_with_its_json_path(string german, string jsonPath)
    {
        var recipe = _temp.File("recipes/bad.json");
        Directory.CreateDirectory(Path.GetDirectoryName(recipe)!);
        // Beside a copy of the demo's inputs' relative locations: only the one field is wrong.
        File.WriteAllText(recipe, $$"""
            {
              "model": "{{Path.Combine(RepositoryPaths.Root, "models/demo-mt5")}}",
              "languages": {
                "en": {
                  "top": 20,
                  "corpus": "{{Path.Combine(RepositoryPaths.Root, "corpora/demo/eng_news_2020_2K-sentences.txt")}}"
                },
                "de": {{german}}
              }
            }
            """);

        var run = CliRun.Of("adapt", "--recipe", recipe, "--out", _temp.File("out"), "--cache", _temp.File("cache"));

        run.ExitCode.Should().Be(1, run.ToString());
        run.Error.TrimEnd('\n').Should().NotContain("\n").And.Contain(recipe).And.Contain($": {jsonPath}: ");
        Directory.Exists(_temp.File("out")).Should().BeFalse();
    }

    [Fact]
    public void Flags_override_the_recipe_langs_makes_a_one_language_model_on_the_recipes_corpus()
    {
        var output = _temp.File("out");

        var run = Adapt(
            output, "--langs", "en:100", "--overall", "20", "--max-sentences", "500", "--skip-validation", "--quiet");

        run.ExitCode.Should().Be(0, run.ToString());
        OutputFolderContents.ShouldBeComplete(output, ["en"], validated: false);
        CountsDirectory.ReadManifest(Path.Combine(output, OutputFiles.Counts)).Languages["en"]
            .Sentences.Should().Be(500);
        var resolved = RecipeFile.Load(Path.Combine(output, OutputFiles.Recipe));
        resolved.Languages.Should().ContainSingle().Which.Should().Match<LanguageRecipe>(
            l => l.Language == "en" && l.Top == 100 && l.MaxSentences == 500);
        resolved.Language("en")!.Corpus!.FullPath.Should().Be(
            Path.Combine(RepositoryPaths.Root, "corpora/demo/eng_news_2020_2K-sentences.txt"),
            "a language the recipe had keeps its corpus");
        resolved.Overall.Should().Be(20);
        resolved.Validation.Skip.Should().BeTrue();
        run.Output.Should().MatchRegex(@"(?m)^en\s+100\s+500\s").And.NotMatchRegex(@"(?m)^de\s");
    }

    [Fact]
    public void Skip_validation_writes_no_validation_json_and_the_card_says_validation_was_skipped()
    {
        var output = _temp.File("out");

        var run = Adapt(output, "--skip-validation", "--quiet");

        run.ExitCode.Should().Be(0, run.ToString());
        OutputFolderContents.ShouldBeComplete(output, ["en", "de"], validated: false);
        File.ReadAllText(Path.Combine(output, OutputFiles.Card)).Should().Contain("Validation was skipped");
        run.Output.Should().Contain("validation: skipped");
    }

    [Theory]
    [InlineData("[count de] counting")]
    [InlineData("[trim] trimming")]
    [InlineData("[report] writing")]
    public async Task Interrupting_exits_130_and_leaves_no_output_and_no_work_folder(string when)
    {
        using var cancel = new CancellationTokenSource();
        var error = new CancellingWriter(when, cancel);
        var output = _temp.File("out");

        var code = await VocabTrimCommand.InvokeAsync(
            ["adapt", "--recipe", Demo, "--out", output, "--cache", _temp.File("cache"), "--skip-validation"],
            new InvocationConfiguration { Output = new StringWriter(), Error = error }, cancel.Token);

        code.Should().Be(130, error.ToString());
        error.ToString().Should().Contain("vocabtrim: interrupted; nothing was written");
        Directory.GetFileSystemEntries(_temp.Path).Select(Path.GetFileName).Should().Equal(
            ["cache"], "neither the output nor its work folder is left");
    }

    [Fact]
    public void A_second_run_with_the_same_cache_reuses_the_counts_and_recount_counts_again()
    {
        static IEnumerable<bool> CountsReused(CliRun run)
        {
            using var summary = JsonDocument.Parse(run.Output);
            return [.. summary.RootElement.GetProperty("stages").EnumerateArray()
                .Where(s => s.GetProperty("stage").GetString()!.StartsWith("count ", StringComparison.Ordinal))
                .Select(s => s.GetProperty("reused").GetBoolean())];
        }

        var first = Adapt(_temp.File("one"), "--skip-validation", "--json", "--quiet");
        var second = Adapt(_temp.File("two"), "--skip-validation", "--json", "--quiet");
        var recounted = Adapt(_temp.File("three"), "--skip-validation", "--json", "--quiet", "--recount");

        CountsReused(first).Should().Equal(false, false);
        CountsReused(second).Should().Equal(true, true);
        CountsReused(recounted).Should().Equal(false, false);
        File.ReadAllBytes(_temp.File("two/keep.json")).Should().Equal(File.ReadAllBytes(_temp.File("one/keep.json")));
    }

    [Fact]
    public void Quiet_prints_no_progress_only_the_summary()
    {
        var run = Adapt(_temp.File("out"), "--skip-validation", "--quiet");

        run.ExitCode.Should().Be(0, run.ToString());
        run.Error.Should().BeEmpty();
        run.Output.Should().Contain("vocabulary").And.Contain($"wrote {_temp.File("out")}");
    }

    [Fact]
    public void Redirected_output_gets_plain_progress_lines_on_stderr_and_the_summary_on_stdout()
    {
        var output = _temp.File("out");

        var run = VocabTrimProcess.Run(new Dictionary<string, string?>(),
            "adapt", "--recipe", Demo, "--out", output, "--cache", _temp.File("cache"), "--skip-validation");

        run.ExitCode.Should().Be(0, run.ToString());
        run.Error.Should().NotContain("\u001b", "no terminal control sequences when redirected");
        var lines = run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Should().OnlyContain(
            l => l.StartsWith('[') || l.StartsWith("note: ", StringComparison.Ordinal), run.Error);
        lines.Should().Contain("note: validation skipped: the slim model was not compared with the original");
        foreach (var stage in new[] { "load tokenizer", "count en", "count de", "select", "trim", "report" })
            lines.Should().Contain(l => l.StartsWith($"[{stage}] done in ", StringComparison.Ordinal), stage);
        run.Output.Should().Contain("validation: skipped").And.Contain($"wrote {output}").And.NotContain("[trim]");
    }

    /// <summary>Every file below <paramref name="folder"/> with the SHA-256 of its bytes.</summary>
    private static List<string> Fingerprint(string folder) =>
        [.. Directory.GetFiles(folder, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
            .Select(
                f =>
                $"{f} {Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(f)))}")];
}
