using VocabTrim.Checkpoints;
using VocabTrim.Recipes;
using VocabTrim.Selection;
using VocabTrim.TestSupport;

namespace VocabTrim.Recipes.Tests;

public sealed class RecipeOverridesTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private Recipe Base() => RecipeFile.Parse("""
        {"model": "bigscience/mt0-xl",
         "languages": {"en": {"top": 15000, "corpus": "eng_news_2023_1M", "maxSentences": 100},
                       "de": {"top": 30000, "corpus": "../deu.txt"}},
         "overall": 2000,
         "validation": {"corpora": {"en": "en-valid.txt", "de": "de-valid.txt"}}}
        """, "base.json", _dir.File("recipes"));

    [Fact]
    public void No_flags_change_nothing()
    {
        Base().With(new RecipeOverrides()).Should().Be(Base());
    }

    [Fact]
    public void Langs_replace_the_set_keeping_what_the_recipe_said_about_languages_it_had()
    {
        var recipe = Base().With(new RecipeOverrides { Languages = LanguageTop.ParseList("deu:20000,fr:5000") });

        recipe.Languages.Select(l => l.ToString()).Should().Equal("de:20000", "fr:5000");
        recipe.Languages[0].Corpus!.FullPath.Should().Be(_dir.File("deu.txt"));
        recipe.Languages[1].Corpus.Should().BeNull(
            "a language only on the command line counts on the manifest's default corpus");
        recipe.Validation.Corpora.Keys.Should().Equal(["de"], "the dropped language's validation corpus goes with it");
        recipe.Overall.Should().Be(2000);
    }

    [Fact]
    public void A_corpus_flag_is_relative_to_the_working_folder_and_may_name_a_corpus()
    {
        var recipe = Base().With(new RecipeOverrides
        {
            BaseFolder = _dir.File("work"),
            Corpora = [LanguageCorpus.Parse("eng=data/eng.txt"), LanguageCorpus.Parse("de=deu_news_2023_1M")],
        });

        recipe.Language("en")!.Corpus!.FullPath.Should().Be(_dir.File("work/data/eng.txt"));
        recipe.Language("en")!.MaxSentences.Should().Be(100);
        recipe.Language("de")!.Corpus!.Should().Match<RecipeReference>(c => !c.IsPath && c.Value == "deu_news_2023_1M");
        RecipeWriter.ToJson(recipe, _dir.File("recipes")).Should().Contain("\"corpus\": \"../work/data/eng.txt\"");
    }

    [Fact]
    public void A_corpus_for_a_language_the_recipe_does_not_have_is_an_error()
    {
        var with = () => Base().With(new RecipeOverrides { Corpora = [LanguageCorpus.Parse("fr=fra.txt")] });
        with.Should().Throw<RecipeException>().WithMessage(
            "--corpus: 'fr=fra.txt': fr is not one of the languages (en, de); add it to --langs");
    }

    [Fact]
    public void A_language_given_two_corpora_is_an_error()
    {
        var with = () =>
            Base().With(
                new RecipeOverrides
                {
                    Corpora = [LanguageCorpus.Parse("de=a.txt"), LanguageCorpus.Parse("deu=b.txt")],
                });
        with.Should().Throw<RecipeException>().WithMessage("--corpus: de is given twice ('de=a.txt', 'de=b.txt')");
    }

    [Fact]
    public void Every_scalar_flag_overrides_its_field()
    {
        var recipe = Base().With(new RecipeOverrides
        {
            BaseFolder = _dir.Path,
            Model = "./mt0-small",
            Revision = "v2",
            Overall = 0,
            MaxSentences = 1000,
            SpecialTokens = SpecialTokenPolicy.None,
            PadToMultiple = 64,
            Dtype = WeightDtype.Float16,
            MaxShardSize = "500MiB",
            ValidationSentences = 50,
            LogitSentences = 0,
            MaxNewTokens = 3,
            Atol = 1e-3,
            Rtol = 0,
            SkipValidation = true,
            Device = "cuda",
        });

        recipe.Model.Should().Match<RecipeReference>(m => m.IsPath && m.FullPath == _dir.File("mt0-small"));
        (recipe.Revision, recipe.Overall, recipe.PadToMultiple, recipe.Dtype, recipe.MaxShardSize).Should().Be(
            ("v2", 0, 64, WeightDtype.Float16, "500MiB"));
        recipe.Languages.Should().OnlyContain(l => l.MaxSentences == 1000);
        recipe.SpecialTokens.Should().Be(SpecialTokenPolicy.None);
        recipe.Validation.Should().Be(
            Base().Validation with
            {
                Sentences = 50,
                LogitSentences = 0,
                MaxNewTokens = 3,
                Atol = 1e-3,
                Rtol = 0,
                Skip = true,
                Device = "cuda",
            });
    }

    [Theory]
    [InlineData("--overall", "--overall: expected a whole number >= 0, got -1")]
    [InlineData("--pad-to-multiple", "--pad-to-multiple: expected a whole number >= 1, got 0")]
    [InlineData("--max-sentences", "--max-sentences: expected a whole number >= 1, got 0")]
    [InlineData("--validation-sentences", "--validation-sentences: expected a whole number >= 1, got 0")]
    [InlineData("--logit-sentences", "--logit-sentences: expected a whole number >= 0, got -1")]
    [InlineData("--max-new-tokens", "--max-new-tokens: expected a whole number >= 1, got 0")]
    [InlineData("--max-shard-size", "--max-shard-size: '5XB': unknown unit 'XB'")]
    [InlineData("--atol", "--atol: expected a number >= 0, got -1")]
    [InlineData("--device", "--device: expected one of cpu, cuda, auto, got 'gpu'")]
    public void Out_of_range_flags_are_errors_naming_the_flag(string flag, string message)
    {
        var overrides = flag switch
        {
            "--overall" => new RecipeOverrides { Overall = -1 },
            "--pad-to-multiple" => new RecipeOverrides { PadToMultiple = 0 },
            "--max-sentences" => new RecipeOverrides { MaxSentences = 0 },
            "--validation-sentences" => new RecipeOverrides { ValidationSentences = 0 },
            "--logit-sentences" => new RecipeOverrides { LogitSentences = -1 },
            "--max-new-tokens" => new RecipeOverrides { MaxNewTokens = 0 },
            "--max-shard-size" => new RecipeOverrides { MaxShardSize = "5XB" },
            "--atol" => new RecipeOverrides { Atol = -1 },
            _ => new RecipeOverrides { Device = "gpu" },
        };
        var with = () => Base().With(overrides);
        with.Should().Throw<RecipeException>().WithMessage(message);
    }

    [Fact]
    public void A_recipe_from_flags_alone_has_the_defaults()
    {
        var recipe = Recipe.FromOverrides(
            new RecipeOverrides
            {
                Model = "bigscience/mt0-small",
                Languages = LanguageTop.ParseList("en:15000,de:30000"),
                Overall = 2000,
            });

        recipe.Should().Be(RecipeFile.Load(Path.Combine(RepositoryPaths.Root, "recipes", "mt0-small-en-de.json")) with
        {
            Schema = null,
            Description = null,
            Languages = new([new LanguageRecipe("en", 15000), new LanguageRecipe("de", 30000)]),
        });
    }

    [Theory]
    [InlineData(
        null, "en:5",
        "command line: give --model (a hub id such as bigscience/mt0-small or a model folder) or --recipe FILE")]
    [InlineData("a/b", null, "command line: give --langs (e.g. en:15000,de:30000) or --recipe FILE")]
    public void A_recipe_from_flags_needs_a_model_and_languages(string? model, string? langs, string message)
    {
        var from = () =>
            Recipe.FromOverrides(
                new RecipeOverrides { Model = model, Languages = langs == null ? null : LanguageTop.ParseList(langs) });
        from.Should().Throw<RecipeException>().WithMessage(message);
    }

    [Theory]
    [InlineData("en:15000,de:30000", "en:15000|de:30000")]
    [InlineData(" eng : 1 , DE:2 ", "en:1|de:2")]
    public void Langs_parse_and_normalize(string text, string expected)
    {
        string.Join('|', LanguageTop.ParseList(text)).Should().Be(expected);
    }

    [Theory]
    [InlineData("", "--langs: no languages given (e.g. en:15000,de:30000)")]
    [InlineData("en", "--langs: 'en' is not LANG:N (e.g. en:15000,de:30000)")]
    [InlineData("en:many", "--langs: 'en:many': expected a whole number of pieces >= 1, got 'many'")]
    [InlineData("en:0", "--langs: 'en:0': expected a whole number of pieces >= 1, got '0'")]
    [InlineData(
        "xx:5",
        "--langs: 'xx:5': unknown language code 'xx' (expected an ISO 639-1 code such as de or an ISO 639-3 code " +
        "such as deu)")]
    [InlineData("en:5,eng:6", "--langs: 'eng:6': English (en) is given twice")]
    public void Bad_langs_are_one_line_errors(string text, string message)
    {
        var parse = () => LanguageTop.ParseList(text);
        parse.Should().Throw<RecipeException>().WithMessage(message);
    }

    [Theory]
    [InlineData("de", "--corpus: 'de': expected LANG=PATH or LANG=NAME, e.g. de=deu_news_2023_1M")]
    [InlineData("de=", "--corpus: 'de=': expected LANG=PATH or LANG=NAME, e.g. de=deu_news_2023_1M")]
    [InlineData(
        "qq=x.txt",
        "--corpus: 'qq=x.txt': unknown language code 'qq' (expected an ISO 639-1 code such as de or an ISO 639-3 " +
        "code such as deu)")]
    public void Bad_corpus_flags_are_one_line_errors(string text, string message)
    {
        var parse = () => LanguageCorpus.Parse(text);
        parse.Should().Throw<RecipeException>().WithMessage(message);
    }

    [Theory]
    [InlineData("all", null)]
    [InlineData("none", 0)]
    [InlineData("0", 0)]
    [InlineData("100", 100)]
    public void Sentinel_policies_parse(string text, int? count)
    {
        SpecialTokenPolicy.TryParseSentinels(text, out var policy).Should().BeTrue();
        policy.Sentinels.Should().Be(count);
    }

    [Theory]
    [InlineData("some")]
    [InlineData("-1")]
    [InlineData("")]
    public void Other_sentinel_policies_do_not_parse(string text)
    {
        SpecialTokenPolicy.TryParseSentinels(text, out _).Should().BeFalse();
    }
}
