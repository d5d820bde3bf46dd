using System.CommandLine;
using VocabTrim.Checkpoints;
using VocabTrim.Cli;
using VocabTrim.Recipes;
using VocabTrim.Selection;

namespace VocabTrim.Recipes.Tests;

public class RecipeOptionsTests
{
    private static (RecipeOptions Options, ParseResult Parse) Parse(params string[] args)
    {
        var options = new RecipeOptions();
        var command = new RootCommand();
        options.AddTo(command);
        var parse = command.Parse(args);
        parse.Errors.Should().BeEmpty();
        return (options, parse);
    }

    [Fact]
    public void Flags_not_given_leave_every_field_alone()
    {
        var (options, parse) = Parse();

        var overrides = options.ToOverrides(parse);

        overrides.Should().BeEquivalentTo(new RecipeOverrides { BaseFolder = overrides.BaseFolder });
        overrides.SkipValidation.Should().BeNull("an absent --skip-validation must not turn validation back on");
    }

    [Fact]
    public void Every_flag_becomes_its_override()
    {
        var (options, parse) = Parse(
            "--recipe", "r.json", "--model", "org/m", "--revision", "v2", "--langs", "eng:5,de:6",
            "--corpus", "en=e.txt", "--corpus", "de=deu_news_2023_1M", "--overall", "7", "--max-sentences",
            "8", "--sentinels", "9",
            "--pad-to-multiple", "64", "--dtype", "float16", "--max-shard-size", "2GB", "--validation-sentences", "10",
            "--logit-sentences", "4", "--max-new-tokens", "5", "--atol", "0.5", "--rtol", "0.25",
            "--skip-validation", "--device", "auto");

        var o = options.ToOverrides(parse);

        (o.Model, o.Revision, o.Overall, o.MaxSentences, o.PadToMultiple, o.Dtype).Should().Be(
            ("org/m", "v2", 7, 8L, 64, WeightDtype.Float16));
        o.Languages.Should().Equal(new LanguageTop("en", 5), new LanguageTop("de", 6));
        o.Corpora.Should().Equal(new LanguageCorpus("en", "e.txt"), new LanguageCorpus("de", "deu_news_2023_1M"));
        o.SpecialTokens.Should().Be(SpecialTokenPolicy.KeepSentinels(9));
        o.MaxShardSize.Should().Be("2GB");
        (o.ValidationSentences, o.LogitSentences, o.MaxNewTokens).Should().Be((10, 4, 5));
        (o.Atol, o.Rtol, o.SkipValidation, o.Device).Should().Be((0.5, 0.25, true, "auto"));
        o.BaseFolder.Should().Be(Environment.CurrentDirectory);
        parse.GetValue(options.Recipe).Should().Be("r.json");
    }

    [Fact]
    public void Every_option_is_listed_once()
    {
        new RecipeOptions().All.Select(o => o.Name).Should().OnlyHaveUniqueItems().And.HaveCount(18);
    }
}
