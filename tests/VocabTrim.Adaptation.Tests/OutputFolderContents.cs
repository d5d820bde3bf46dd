using VocabTrim.Counting;
using VocabTrim.Recipes;
using VocabTrim.Reporting;
using VocabTrim.Selection;

namespace VocabTrim.Adaptation.Tests;

/// <summary>What every folder <c>vocabtrim adapt</c> writes must hold, checked file by file.</summary>
internal static class OutputFolderContents
{
    private static readonly byte[] PngSignature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0d, 0x0a, 0x1a, 0x0a];

    /// <summary>
    /// Asserts a complete, validated output folder for <paramref name="languages"/>; returns its resolved recipe.
    /// </summary>
    public static Recipe ShouldBeComplete(string folder, IReadOnlyCollection<string> languages, bool validated = true)
    {
        Directory.Exists(folder).Should().BeTrue(folder);
        string File(string name) => Path.Combine(folder, name);

        // The model itself: config, weights (one file or an index of shards), the tokenizer, and what the trim
        // recorded.
        System.IO.File.Exists(File("config.json")).Should().BeTrue("config.json");
        (System.IO.File.Exists(File("model.safetensors"))
            || System.IO.File.Exists(File("model.safetensors.index.json"))).Should().BeTrue("weights");
        (System.IO.File.Exists(File("spiece.model")) || System.IO.File.Exists(File("tokenizer.json"))).Should()
            .BeTrue("a tokenizer");
        System.IO.File.Exists(File("vocabtrim.json")).Should().BeTrue("vocabtrim.json");

        KeepListFile.Read(File(OutputFiles.KeepList)).Ids.Should().NotBeEmpty();
        var counts = CountsDirectory.ReadManifest(File(OutputFiles.Counts));
        counts.Languages.Keys.Should().BeEquivalentTo(languages);
        foreach (var language in languages)
            System.IO.File.Exists(Path.Combine(folder, OutputFiles.Counts, $"{language}.counts.csv"))
                .Should().BeTrue($"counts of {language}");
        System.IO.File.Exists(File(OutputFiles.Validation)).Should().Be(
            validated, "validation.json is written exactly when the model was validated");

        var card = CardFrontMatterText.Of(File(OutputFiles.Card));
        card.List("language").Should().BeEquivalentTo(languages);
        card.List("tags").Should().Contain("vocabtrim");
        card.List("datasets").Should().Contain(
            "imvladikon/leipzig_corpora_collection", "the Leipzig corpora collection is the dataset");
        System.IO.File.ReadAllText(File(OutputFiles.Card)).Should().Contain("# Language adaption of ");

        using (var report = System.Text.Json.JsonDocument.Parse(
            System.IO.File.ReadAllBytes(File(AdaptationReport.JsonFile))))
            report.RootElement.ValueKind.Should().Be(System.Text.Json.JsonValueKind.Object);
        System.IO.File.ReadAllText(File(AdaptationReport.MarkdownFile)).Should().NotBeNullOrWhiteSpace();
        foreach (var plot in new[] { AdaptationReport.CoveragePlot, AdaptationReport.OverlapPlot,
            AdaptationReport.ParametersPlot })
            System.IO.File.ReadAllBytes(File(plot)).Take(8).Should().Equal(PngSignature, plot);

        var recipe = RecipeFile.Load(File(OutputFiles.Recipe));
        recipe.Resolved.Should().NotBeNull("the written recipe records what it resolved to");
        recipe.Resolved!.Corpora.Keys.Should().BeEquivalentTo(languages);
        recipe.Resolved.KeepSha256.Should().Be(
            Convert.ToHexStringLower(
                System.Security.Cryptography.SHA256.HashData(System.IO.File.ReadAllBytes(File(OutputFiles.KeepList)))));

        // Nothing of the run is left beside the folder (the hidden work folder was renamed into place).
        Directory.GetFileSystemEntries(Path.GetDirectoryName(Path.GetFullPath(folder))!)
            .Select(Path.GetFileName).Should().NotContain(n => n!.StartsWith('.'), "no work folder is left behind");
        return recipe;
    }
}
