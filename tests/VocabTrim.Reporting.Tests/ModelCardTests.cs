using System.Text.RegularExpressions;
using VocabTrim.Recipes;
using VocabTrim.Reporting.Tests.Support;

namespace VocabTrim.Reporting.Tests;

[Collection(RealAdaptationCollection.Name)]
public class ModelCardTests(RealAdaptation run)
{
    private static OriginalCard FrontMatterOf(string card)
    {
        var parsed = OriginalCard.Parse(card);
        parsed.Problem.Should().BeNull("the card's own front matter must be readable YAML");
        return parsed;
    }

    [Fact]
    public void Front_matter_sets_languages_base_model_and_library_and_carries_license_tags_datasets_pipeline()
    {
        var card = ModelCard.Compose(run.Facts);
        var meta = FrontMatterOf(card);

        meta["language"]!.Items.Should().Equal("en", "de");
        meta["license"]!.Scalar.Should().Be("apache-2.0");
        meta["tags"]!.Items.Should().Equal("vocabtrim");
        meta["datasets"]!.Items.Should().Equal("imvladikon/leipzig_corpora_collection", "bigscience/xP3", "mc4");
        meta["base_model"]!.Scalar.Should().Be("bigscience/mt0-xl");
        meta["library_name"]!.Scalar.Should().Be("transformers");
        meta["pipeline_tag"]!.Scalar.Should().Be("text2text-generation");
        meta["widget"].Should().BeNull("widget examples describe the original model");
        meta["model-index"].Should().BeNull("evaluation results were measured on the original model");
        card.Should().Contain(
            "# Not carried over from the original card, as they describe the original model: widget, model-index");
    }

    [Fact]
    public void Recipe_card_metadata_overrides_license_and_tags_and_adds_title_and_notes()
    {
        var facts = run.Facts with
        {
            Card = new CardMetadata
            {
                Title = "My slim mT0",
                License = "mit",
                Tags = new(["translation", "vocabtrim"]),
                Notes = "Made for **tests**.",
            },
        };

        var card = ModelCard.Compose(facts);
        var meta = FrontMatterOf(card);

        meta["license"]!.Scalar.Should().Be("mit");
        meta["tags"]!.Items.Should().Equal("translation", "vocabtrim");
        card.Should().Contain("\n# My slim mT0\n").And.Contain("## Notes\n\nMade for **tests**.");
    }

    [Fact]
    public void Title_and_method_follow_the_published_example()
    {
        var card = ModelCard.Compose(run.Facts);

        card.Should().Contain("\n# Language adaption of bigscience/mt0-xl\n");
        card.Should().Contain(
            "Load What You Need: Smaller Versions of Multilingual BERT](https://arxiv.org/abs/2010.05609)");
        card.Should().Contain("revision `main`, commit `0123456789abcdef0123456789abcdef01234567`");
    }

    [Fact]
    public void Composition_sentence_numbers_are_the_selection_rule_and_the_kept_specials()
    {
        var card = ModelCard.Compose(run.Facts);

        var match = Regex.Match(card,
            @"The vocabulary consists of the top (\d+) tokens overall, top (\d+) from en, top (\d+) from de " +
            @"and (\d+) special tokens\.");
        match.Success.Should().BeTrue(card);
        int.Parse(match.Groups[1].Value).Should().Be(RealAdaptation.Overall);
        int.Parse(match.Groups[2].Value).Should().Be(RealAdaptation.Quotas[0].Top);
        int.Parse(match.Groups[3].Value).Should().Be(RealAdaptation.Quotas[1].Top);
        int.Parse(match.Groups[4].Value).Should().Be(run.Selection.Totals.Specials).And.BeGreaterThan(0);
        run.Selection.Pieces.Count(p => p.Special != null).Should().Be(run.Selection.Totals.Specials);
    }

    [Fact]
    public void Composition_sentence_leaves_out_an_empty_overall_part()
    {
        var selection = run.Selection with { Rule = run.Selection.Rule with { Overall = 0 } };

        VocabularyComposition.Sentence(selection).Should().Be(
            $"top 60 from en, top 80 from de and {run.Selection.Totals.Specials} special tokens");
    }

    [Fact]
    public void Corpora_are_listed_with_sentences_and_hashes_and_the_Leipzig_collection_is_attributed()
    {
        var card = ModelCard.Compose(run.Facts);

        foreach (var c in run.Counts)
        {
            var name = CorpusFact.NameOf(c.Corpus.Path);
            card.Should().Contain($"[{name}]({CorpusFact.LeipzigDownloadPage})");
            card.Should().Contain($"| {c.Sentences:N0} | `{c.Corpus.Sha256}` |");
        }
        card.Should().Contain("[CC BY 4.0](https://creativecommons.org/licenses/by/4.0/)");
        card.Should().Contain("D. Goldhahn, T. Eckart, U. Quasthoff (2012)");
    }

    [Fact]
    public void Results_give_sizes_coverage_and_the_measured_validation()
    {
        var card = ModelCard.Compose(run.Facts);

        card.Should().Contain($"| parameters | {run.Trim.ParametersBefore:N0} | {run.Trim.ParametersAfter:N0} |");
        foreach (var l in run.Selection.Languages)
            card.Should().Contain($"| {l.Tokens:N0} | {l.KeptTokens:N0} | {l.Coverage * 100:0.00} % |");
        card.Should().Contain(run.Validation.Passed ? "**Passed.**" : "**Failed.**");
        foreach (var v in run.Validation.Languages)
            card.Should().Contain(
                $"| {v.Language} | `{Path.GetFileName(v.Corpus)}` | {v.Sentences:N0} | {v.Covered:N0} ");
        card.Should().NotContain("Validation was skipped");
    }

    [Fact]
    public void Skipped_validation_is_said_plainly()
    {
        var card = ModelCard.Compose(run.Facts with { Validation = null });

        card.Should().Contain("**Validation was skipped**").And.NotContain("**Passed.**");
    }

    [Fact]
    public void Usage_picks_the_auto_class_by_model_type_and_shows_vocabtrim_test()
    {
        var mt5 = ModelCard.Compose(run.Facts);
        mt5.Should().Contain("from transformers import AutoTokenizer, AutoModelForSeq2SeqLM")
            .And.Contain("AutoModelForSeq2SeqLM.from_pretrained(\"mt0-xl-en-de\")")
            .And.Contain("vocabtrim test --recipe recipe.json --model-dir .");

        var bloom = ModelCard.Compose(
            run.Facts with { Trim = run.Trim with { ModelType = "bloom" }, OriginalCard = null });
        bloom.Should().Contain("AutoModelForCausalLM.from_pretrained(\"mt0-xl-en-de\")").And.NotContain("Seq2Seq");
        FrontMatterOf(bloom)["pipeline_tag"]!.Scalar.Should().Be("text-generation");
    }

    [Fact]
    public void The_original_card_body_follows_without_its_front_matter()
    {
        var card = ModelCard.Compose(run.Facts);

        var heading = card.IndexOf("\n## Original model card\n", StringComparison.Ordinal);
        heading.Should().BePositive();
        card[heading..].Should().Contain("![banner](https://example.org/banner.png)").And.Contain(
            "MARKER-ORIGINAL-BODY-MT0");
        card.Should().NotContain("example_title").And.NotContain("Winogrande");
    }

    [Fact]
    public void Bloomz_card_carries_its_license_and_datasets()
    {
        var facts = run.Facts with { OriginalCard = File.ReadAllText(RealAdaptation.Fixture("bloomz-card.md")) };

        var card = ModelCard.Compose(facts);
        var meta = FrontMatterOf(card);

        meta["license"]!.Scalar.Should().Be("bigscience-bloom-rail-1.0");
        meta["datasets"]!.Items.Should().Equal("imvladikon/leipzig_corpora_collection", "bigscience/xP3");
        meta["pipeline_tag"]!.Scalar.Should().Be("text-generation");
        card.Should().Contain(
            "as they describe the original model: programming_language, inference, widget, model-index");
        card.Should().Contain("MARKER-ORIGINAL-BODY-BLOOMZ");
    }

    [Fact]
    public void Unreadable_original_front_matter_carries_nothing_says_why_and_keeps_the_body()
    {
        var facts = run.Facts with { OriginalCard = "---\nlicense: mit\nthis is not yaml\n---\nORIGINAL BODY TEXT\n" };

        var card = ModelCard.Compose(facts);
        var meta = FrontMatterOf(card);

        meta["license"].Should().BeNull();
        meta["datasets"]!.Items.Should().Equal("imvladikon/leipzig_corpora_collection");
        card.Should().Contain(
            "# Nothing was carried over from the original card's front matter: README.md front matter, line 3");
        card.Should().Contain("> Its front matter could not be read").And.Contain("ORIGINAL BODY TEXT");
    }

    [Fact]
    public void No_original_card_and_a_local_folder_base_model_are_said_so()
    {
        var facts = run.Facts with { OriginalCard = null, BaseModel = BaseModel.Folder(run.ModelFolder) };

        var card = ModelCard.Compose(facts);
        var meta = FrontMatterOf(card);

        meta["base_model"].Should().BeNull();
        meta["license"].Should().BeNull();
        card.Should().Contain("# base_model: not set, the original was the local folder 'mt5-tiny'");
        card.Should().Contain("# Language adaption of mt5-tiny").And.Contain(
            "The original model folder had no README.md.");
    }

    [Fact]
    public void A_kept_Norwegian_is_quoted_so_yaml_does_not_read_false()
    {
        var selection = run.Selection with
        {
            Rule = run.Selection.Rule with { Quotas = [new("no", 60), new("de", 80)] },
        };


        var card = ModelCard.Compose(run.Facts with { Selection = selection });

        card.Should().Contain("language:\n- 'no'\n- de\n");
    }

    [Fact]
    public void WriteTo_writes_README_md()
    {
        using var dir = new VocabTrim.TestSupport.TempDir();

        var path = ModelCard.WriteTo(run.Facts, dir.Path);

        path.Should().Be(dir.File("README.md"));
        File.ReadAllText(path).Should().Be(ModelCard.Compose(run.Facts));
        Directory.GetFiles(dir.Path).Should().ContainSingle();
    }
}
