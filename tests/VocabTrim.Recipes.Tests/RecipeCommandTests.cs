using VocabTrim.Pipeline.Tests.Cli;
using VocabTrim.Recipes;
using VocabTrim.TestSupport;

namespace VocabTrim.Recipes.Tests;

public sealed class RecipeCommandTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void New_writes_a_minimal_recipe_from_flags()
    {
        var path = _dir.File("recipes/mt0-small-en-fr.json");

        var run = CliRun.Of(
            "recipe", "new", "--model", "bigscience/mt0-small", "--langs", "en:15000,fra:30000", "--overall", "2000",
            "--corpus", $"fr={_dir.File("fra.txt")}", "--sentinels", "none", "--dtype", "bfloat16", "--atol", "0.001",
            "--description", "en and fr", "--out", path);

        run.ExitCode.Should().Be(0, run.ToString());
        run.Output.Should().Be(
            $"wrote {path}: bigscience/mt0-small@main: en:15000 (default corpus), fr:30000 ({_dir.File("fra.txt")}), " +
            "overall 2000, sentinels none, dtype bfloat16, validation on 1000 sentences (atol 0.001, rtol 1e-05, cpu)" +
            Environment.NewLine);
        File.ReadAllText(path).Should().Be($$"""
            {
              "description": "en and fr",
              "model": "bigscience/mt0-small",
              "languages": {
                "en": {
                  "top": 15000
                },
                "fr": {
                  "top": 30000,
                  "corpus": "{{_dir.File("fra.txt")}}"
                }
              },
              "overall": 2000,
              "specialTokens": {
                "sentinels": "none"
              },
              "dtype": "bfloat16",
              "validation": {
                "atol": 0.001
              }
            }

            """);
    }

    [Fact]
    public void New_refuses_to_overwrite_unless_forced()
    {
        var path = _dir.File("x.json");
        File.WriteAllText(path, "keep me");

        var refused = CliRun.Of("recipe", "new", "--model", "a/b", "--langs", "de:5", "--out", path);

        refused.ExitCode.Should().Be(1);
        refused.Error.Should().Be($"vocabtrim: --out {path} exists; add --force to overwrite it" + Environment.NewLine);
        File.ReadAllText(path).Should().Be("keep me");

        var forced = CliRun.Of("recipe", "new", "--model", "a/b", "--langs", "de:5", "--out", path, "--force");
        forced.ExitCode.Should().Be(0, forced.ToString());
        RecipeFile.Load(path).Languages.Single().Should().Be(new LanguageRecipe("de", 5));
    }

    [Fact]
    public void New_from_a_recipe_applies_the_flags_and_rewrites_its_paths()
    {
        Directory.CreateDirectory(_dir.File("recipes"));
        File.WriteAllText(_dir.File("recipes/base.json"), """
            {"model": "../models/m", "languages": {"en": {"top": 5, "corpus": "../corpora/eng.txt"}, "de": {"top": 6}},
             "overall": 7}
            """);
        var path = _dir.File("other/derived.json");

        var run = CliRun.Of(
            "recipe", "new", "--recipe", _dir.File("recipes/base.json"), "--langs", "en:50", "--pad-to-multiple", "64",
            "--out", path);

        run.ExitCode.Should().Be(0, run.ToString());
        var derived = RecipeFile.Load(path);
        derived.Model.FullPath.Should().Be(_dir.File("models/m"));
        derived.Languages.Single().Should().Be(new LanguageRecipe("en", 50)
        {
            Corpus = RecipeReference.Corpus("../corpora/eng.txt", _dir.File("recipes")),
        });
        (derived.Overall, derived.PadToMultiple).Should().Be((7, 64));
        File.ReadAllText(path).Should().Contain("\"model\": \"../models/m\"")
            .And.Contain("\"corpus\": \"../corpora/eng.txt\"");
    }

    [Fact]
    public void New_links_the_schema_when_writing_inside_a_checkout()
    {
        File.WriteAllText(_dir.File("recipes.schema.json"), "{}");
        var path = _dir.File("recipes/x.json");

        CliRun.Of("recipe", "new", "--model", "a/b", "--langs", "de:5", "--out", path).ExitCode.Should().Be(0);

        File.ReadAllText(path).Should().StartWith("{\n  \"$schema\": \"../recipes.schema.json\",\n");
    }

    [Theory]
    [InlineData(
        new[] { "--langs", "de:5" },
        "vocabtrim: command line: give --model (a hub id such as bigscience/mt0-small or a model folder) " +
        "or --recipe FILE")]
    [InlineData(
        new[] { "--model", "a/b", "--langs", "de:5,deu:6" }, "vocabtrim: --langs: 'deu:6': German (de) is given twice")]
    [InlineData(
        new[] { "--model", "a/b", "--langs", "de:5", "--corpus", "en=x.txt" },
        "vocabtrim: --corpus: 'en=x.txt': en is not one of the languages (de); add it to --langs")]
    [InlineData(
        new[] { "--model", "a/b", "--langs", "de:5", "--sentinels", "few" },
        "vocabtrim: --sentinels: expected all, none or a whole number >= 0, got 'few'")]
    [InlineData(
        new[] { "--model", "a/b", "--langs", "de:5", "--overall", "-3" },
        "vocabtrim: --overall: expected a whole number >= 0, got -3")]
    public void New_with_bad_flags_fails_in_one_line_and_writes_nothing(string[] flags, string message)
    {
        var path = _dir.File("x.json");

        var run = CliRun.Of(["recipe", "new", .. flags, "--out", path]);

        run.ExitCode.Should().Be(1);
        run.Error.Should().Be(message + Environment.NewLine);
        File.Exists(path).Should().BeFalse();
    }

    [Fact]
    public void New_with_a_dtype_outside_the_choices_is_refused_by_the_parser()
    {
        var run = CliRun.Of(
            "recipe", "new", "--model", "a/b", "--langs", "de:5", "--dtype", "fp8", "--out", _dir.File("x.json"));
        run.ExitCode.Should().NotBe(0);
        run.Error.Should().Contain("fp8");
        File.Exists(_dir.File("x.json")).Should().BeFalse();
    }

    [Fact]
    public void Check_prints_one_line_per_recipe()
    {
        var path = Path.Combine(RepositoryPaths.Root, "recipes", "mt0-xl-en-de.json");

        var run = CliRun.Of("recipe", "check", path);

        run.ExitCode.Should().Be(0, run.ToString());
        run.Output.Should().Be(
            $"{path}: ok: bigscience/mt0-xl@main: en:15000 (eng_news_2023_1M), de:30000 (deu_news_2023_1M), " +
            "overall 2000, sentinels all, dtype keep, validation on 1000 sentences (atol 0.0001, rtol 1e-05, cpu)" +
            Environment.NewLine);
        run.Error.Should().BeEmpty();
    }

    [Fact]
    public void Check_reports_every_broken_recipe_and_fails()
    {
        var good = Path.Combine(RepositoryPaths.Root, "recipes", "demo-en-de.json");
        var bad = _dir.File("bad.json");
        File.WriteAllText(bad, """{"model": "a/b", "languages": {"de": {"top": 5, "tpo": 3}}}""");
        var missing = _dir.File("missing.json");

        var run = CliRun.Of("recipe", "check", bad, good, missing);

        run.ExitCode.Should().Be(1);
        run.Output.Should().StartWith($"{good}: ok: ../models/demo-mt5: en:2000");
        run.Error.Should().Be(
            $"vocabtrim: {bad}: $.languages.de.tpo: unknown field (expected one of top, corpus, maxSentences, " +
            $"format){Environment.NewLine}" +
            $"vocabtrim: {missing}: no such recipe file{Environment.NewLine}");
    }

    [Theory]
    [InlineData("new", "vocabtrim recipe new --model bigscience/mt0-small --langs en:15000,de:30000")]
    [InlineData("check", "vocabtrim recipe check recipes/*.json")]
    public void Help_shows_examples(string verb, string example)
    {
        var run = CliRun.Of("recipe", verb, "--help");
        run.ExitCode.Should().Be(0);
        run.Output.Should().Contain("Examples:").And.Contain(example);
    }

    [Fact]
    public void Examples_show_in_the_verbs_own_help_only()
    {
        var run = CliRun.Of("recipe", "--help");
        run.Output.Should().Contain("new").And.Contain("check").And.NotContain("Examples:");
    }

    [Fact]
    public void The_recipe_verb_is_registered()
    {
        CliRun.Of("--help").Output.Should().Contain("recipe");
    }
}
