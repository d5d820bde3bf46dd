using VocabTrim.Reporting.Tests.Support;

namespace VocabTrim.Reporting.Tests;

public class FrontMatterTests
{
    [Fact]
    public void Mt0_card_front_matter_is_read_with_lists_scalars_and_nested_values_kept_raw()
    {
        var card = OriginalCard.Parse(File.ReadAllText(RealAdaptation.Fixture("mt0-card.md")));

        card.Problem.Should().BeNull();
        card.Metadata.Select(e => e.Key).Should().Equal(
            "datasets", "license", "language", "pipeline_tag", "widget", "model-index");
        card["datasets"]!.Items.Should().Equal("bigscience/xP3", "mc4");
        card["license"]!.Scalar.Should().Be("apache-2.0");
        card["language"]!.Items.Should().Equal("af", "de", "en", "fr", "no", "zh");
        card["pipeline_tag"]!.Scalar.Should().Be("text2text-generation");
        card["widget"]!.IsNested.Should().BeTrue();
        card["widget"]!.Raw.Should().Contain("example_title: en-en qa");
        card["model-index"]!.Raw.Should().Contain("value: 52.41");
        card.Body.Should().StartWith("![banner]").And.Contain("MARKER-ORIGINAL-BODY-MT0");
    }

    [Fact]
    public void Bloomz_card_front_matter_is_read()
    {
        var card = OriginalCard.Parse(File.ReadAllText(RealAdaptation.Fixture("bloomz-card.md")));

        card.Problem.Should().BeNull();
        card["license"]!.Scalar.Should().Be("bigscience-bloom-rail-1.0");
        card["programming_language"]!.Items.Should().Equal("C", "C++", "C#", "Go");
        card["inference"]!.Scalar.Should().Be("false");
        card["widget"]!.IsNested.Should().BeTrue();
        card["model-index"]!.IsNested.Should().BeTrue();
        card.Body.Should().StartWith("MARKER-ORIGINAL-BODY-BLOOMZ");
    }

    [Fact]
    public void Flow_lists_quotes_comments_crlf_and_bom_are_read()
    {
        var text = "\uFEFF---\r\ntags: [text-generation, \"a, b\", 'it''s']  # trailing comment\r\n# a comment " +
                   "line\r\nlicense: \"mit\"\r\nlanguage: en\r\nempty:\r\n---\r\nBody line\r\n";

        var card = OriginalCard.Parse(text);

        card.Problem.Should().BeNull();
        card["tags"]!.Items.Should().Equal("text-generation", "a, b", "it's");
        card["license"]!.Scalar.Should().Be("mit");
        card["language"]!.AsList().Should().Equal("en");
        card["empty"]!.AsList().Should().BeEmpty();
        card.Body.Should().Be("Body line\n");
    }

    [Fact]
    public void A_card_without_front_matter_is_all_body()
    {
        var card = OriginalCard.Parse("# Title\n\nText with --- inside\n");

        card.Metadata.Should().BeEmpty();
        card.Problem.Should().BeNull();
        card.Body.Should().Be("# Title\n\nText with --- inside\n");
    }

    [Theory]
    [InlineData("---\nlicense: mit\n# never closed\n", "never closed")]
    [InlineData("---\njust some words\n---\nBODY\n", "line 2")]
    [InlineData("---\nlicense: mit\nlicense: apache-2.0\n---\nBODY\n", "given twice")]
    [InlineData("---\nlicense: 'mit\n---\nBODY\n", "unclosed")]
    [InlineData("---\ntags: [a, b\n---\nBODY\n", "same line")]
    [InlineData("---\n- a\n- b\n---\nBODY\n", "top-level")]
    [InlineData("---\n  indented: first\n---\nBODY\n", "top-level")]
    [InlineData("---\ntags: [a, [b]]\n---\nBODY\n", "nested")]
    [InlineData("---\nlicense: mit\n  more: text\n---\nBODY\n", "own line")]
    [InlineData("---\n\"key: broken\n---\nBODY\n", "expected")]
    public void Odd_front_matter_is_not_read_but_never_fails_and_says_why(string text, string problem)
    {
        var card = OriginalCard.Parse(text);

        card.Metadata.Should().BeEmpty();
        card.Problem.Should().Contain(problem);
        card.Body.Should().Contain(problem == "never closed" ? "license: mit" : "BODY");
    }

    [Theory]
    [InlineData("en", "en")]
    [InlineData("no", "'no'")]
    [InlineData("Yes", "'Yes'")]
    [InlineData("1.0", "'1.0'")]
    [InlineData("apache-2.0", "apache-2.0")]
    [InlineData("bigscience/xP3", "bigscience/xP3")]
    [InlineData("C#", "'C#'")]
    [InlineData("it's: odd", "'it''s: odd'")]
    public void Scalars_are_quoted_when_a_yaml_reader_would_change_them(string value, string written)
    {
        YamlText.Scalar(value).Should().Be(written);
        var card = OriginalCard.Parse($"---\nkey: {written}\n---\n");
        card["key"]!.Scalar.Should().Be(value);
    }
}
