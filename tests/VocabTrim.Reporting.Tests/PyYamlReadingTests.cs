using System.Text.Json;
using VocabTrim.Recipes;
using VocabTrim.Reporting.Tests.Support;
using VocabTrim.TestSupport;

namespace VocabTrim.Reporting.Tests;

/// <summary>
/// The card's front matter as the Hub's own tooling reads it: huggingface_hub parses model card metadata with
/// PyYAML (Debian python3-yaml, installed by tools/test.sh), which is stricter about quoting than our reader.
/// </summary>
[Collection(RealAdaptationCollection.Name)]
public class PyYamlReadingTests(RealAdaptation run)
{
    private const string Script = """
        import json, sys, yaml
        text = sys.stdin.read()
        front = text.split("---\n")[1]
        print(json.dumps(yaml.safe_load(front)))
        """;

    private static JsonElement ReadWithPyYaml(string card) =>
        JsonDocument.Parse(ExternalTool.Run("/usr/bin/python3", ["-c", Script], stdin: card)).RootElement;

    private static List<string?> List(JsonElement meta, string key) =>
        [.. meta.GetProperty(key).EnumerateArray().Select(e => e.GetString())];

    [Fact]
    public void Mt0_card_metadata_reads_as_intended()
    {
        var meta = ReadWithPyYaml(ModelCard.Compose(run.Facts));

        meta.EnumerateObject().Select(p => p.Name).Should().Equal(
            "language", "license", "tags", "datasets", "base_model", "library_name", "pipeline_tag");
        List(meta, "language").Should().Equal("en", "de");
        meta.GetProperty("license").GetString().Should().Be("apache-2.0");
        List(meta, "tags").Should().Equal("vocabtrim");
        List(meta, "datasets").Should().Equal("imvladikon/leipzig_corpora_collection", "bigscience/xP3", "mc4");
        meta.GetProperty("base_model").GetString().Should().Be("bigscience/mt0-xl");
        meta.GetProperty("library_name").GetString().Should().Be("transformers");
    }

    [Fact]
    public void Awkward_values_stay_strings()
    {
        var selection = run.Selection with
        {
            Rule = run.Selection.Rule with { Quotas = [new("no", 60), new("de", 80)] },
        };
        var facts = run.Facts with
        {
            Selection = selection,
            Card = new CardMetadata { License = "other", Tags = new(["yes", "1.0", "C#", "it's: odd", "null"]) },
        };

        var meta = ReadWithPyYaml(ModelCard.Compose(facts));

        List(meta, "language").Should().Equal("no", "de");
        List(meta, "tags").Should().Equal("yes", "1.0", "C#", "it's: odd", "null", "vocabtrim");
    }

    [Fact]
    public void Unreadable_original_and_local_folder_still_give_valid_metadata()
    {
        var facts = run.Facts with
        {
            OriginalCard = "---\n: : :\n---\nbody\n",
            BaseModel = BaseModel.Folder(run.ModelFolder),
        };


        var meta = ReadWithPyYaml(ModelCard.Compose(facts));

        meta.TryGetProperty("base_model", out _).Should().BeFalse();
        List(meta, "datasets").Should().Equal("imvladikon/leipzig_corpora_collection");
    }
}
