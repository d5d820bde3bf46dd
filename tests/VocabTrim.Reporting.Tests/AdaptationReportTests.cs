using System.Text.Json;
using VocabTrim.Reporting.Tests.Support;
using VocabTrim.TestSupport;

namespace VocabTrim.Reporting.Tests;

[Collection(RealAdaptationCollection.Name)]
public sealed class AdaptationReportTests(RealAdaptation run) : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private JsonElement WriteAndReadJson(AdaptationFacts facts)
    {
        AdaptationReport.Write(facts, _dir.Path);
        return JsonDocument.Parse(File.ReadAllBytes(_dir.File(AdaptationReport.JsonFile))).RootElement;
    }

    [Fact]
    public void Writes_the_json_the_markdown_and_three_plots()
    {
        var files = AdaptationReport.Write(run.Facts, _dir.Path);

        files.Should().BeEquivalentTo(
            ["report.json", "report.md", "report-coverage.png", "report-overlap.png", "report-parameters.png"]);
        Directory.GetFiles(_dir.Path).Select(Path.GetFileName).Should().BeEquivalentTo(
            files, "nothing else, no temporary files, is left");
    }

    [Fact]
    public void Json_languages_equal_the_counts_and_the_selection_coverage()
    {
        var json = WriteAndReadJson(run.Facts);

        var languages = json.GetProperty("languages").EnumerateArray().ToList();
        languages.Select(l => l.GetProperty("language").GetString()).Should().Equal("en", "de");
        foreach (var l in languages)
        {
            var counts = run.Counts.Single(c => c.Language == l.GetProperty("language").GetString());
            var coverage = run.Selection.Languages.Single(c => c.Language == counts.Language);
            l.GetProperty("sentences").GetInt64().Should().Be(counts.Sentences).And.Be(
                RealAdaptation.SentencesPerLanguage);
            l.GetProperty("tokens").GetInt64().Should().Be(counts.Tokens);
            l.GetProperty("piecesSeen").GetInt32().Should().Be(counts.PiecesSeen);
            l.GetProperty("quota").GetInt32().Should().Be(coverage.Quota);
            l.GetProperty("selected").GetInt32().Should().Be(coverage.Selected);
            l.GetProperty("keptTokens").GetInt64().Should().Be(coverage.KeptTokens);
            l.GetProperty("coverage").GetDouble().Should().Be(coverage.Coverage);
            l.GetProperty("corpus").GetProperty("sha256").GetString().Should().Be(counts.Corpus.Sha256);
            l.GetProperty("coverageOwnQuota").GetDouble().Should().BeLessThanOrEqualTo(
                coverage.Coverage, "the whole kept set includes the language's own top N");
        }
    }

    [Fact]
    public void Json_selection_totals_and_overlap_equal_the_selection()
    {
        var json = WriteAndReadJson(run.Facts);

        var selection = json.GetProperty("selection");
        var totals = selection.GetProperty("totals");
        totals.GetProperty("kept").GetInt32().Should().Be(run.Selection.Totals.Kept);
        totals.GetProperty("specials").GetInt32().Should().Be(run.Selection.Totals.Specials);
        totals.GetProperty("byQuotas").GetInt32().Should().Be(run.Selection.Totals.ByQuotas);
        totals.GetProperty("overallOnly").GetInt32().Should().Be(run.Selection.Totals.OverallOnly);
        selection.GetProperty("composition").GetString().Should().Be(VocabularyComposition.Sentence(run.Selection));

        var overlap = selection.GetProperty("overlap");
        var byLanguages = overlap.GetProperty("byLanguages").EnumerateObject().ToDictionary(
            p => p.Name, p => p.Value.GetInt32());
        byLanguages.Keys.Should().Contain(["en", "de", "en+de"]);
        byLanguages.Values.Sum().Should().Be(run.Selection.Totals.ByQuotas);
        (byLanguages.Values.Sum() + overlap.GetProperty("overallOnly").GetInt32()
                                  + overlap.GetProperty("specials").GetInt32())
            .Should().Be(run.Selection.Totals.Kept);
        byLanguages["en+de"].Should().Be(run.Selection.Pieces.Count(p => p.Top.Count == 2));
        byLanguages["en"].Should().Be(run.Selection.Pieces.Count(p => p.Top.SequenceEqual(["en"])));
        overlap.GetProperty("overallOnly").GetInt32().Should().Be(run.Selection.Totals.OverallOnly)
            .And.BePositive("the test rule's overall top 200 reaches past both quotas");
    }

    [Fact]
    public void Json_sizes_equal_the_trim_report_and_the_groups_add_up_to_it()
    {
        var json = WriteAndReadJson(run.Facts);

        var sizes = json.GetProperty("sizes");
        sizes.GetProperty("parametersBefore").GetInt64().Should().Be(run.Trim.ParametersBefore);
        sizes.GetProperty("parametersAfter").GetInt64().Should().Be(run.Trim.ParametersAfter);
        sizes.GetProperty("bytesBefore").GetInt64().Should().Be(run.Trim.BytesBefore);
        sizes.GetProperty("bytesAfter").GetInt64().Should().Be(run.Trim.BytesAfter);
        sizes.GetProperty("rowsAfter").GetInt64().Should().Be(run.Trim.RowsAfter);
        var groups = sizes.GetProperty("groups").EnumerateArray().ToList();
        groups.Select(g => g.GetProperty("group").GetString()).Should().Equal("embedding", "lmHead", "rest");
        // Measured independently from the checkpoint headers, the groups must add up to what the trimmer counted.
        groups.Sum(g => g.GetProperty("parametersBefore").GetInt64()).Should().Be(run.Trim.ParametersBefore);
        groups.Sum(g => g.GetProperty("parametersAfter").GetInt64()).Should().Be(run.Trim.ParametersAfter);
        sizes.GetProperty("tensors").GetArrayLength().Should().Be(run.Trim.Tensors.Count);
    }

    [Fact]
    public void Parameter_groups_of_mt5_tiny_are_its_real_shapes()
    {
        // mt5-tiny: vocab 1024 x d_model 64, untied lm_head; the rest is unchanged by trimming.
        var rows = run.Trim.RowsAfter;
        run.Parameters[TensorGroup.Embedding].ParametersBefore.Should().Be(1024 * 64);
        run.Parameters[TensorGroup.Embedding].ParametersAfter.Should().Be(rows * 64);
        run.Parameters[TensorGroup.LmHead].ParametersBefore.Should().Be(1024 * 64);
        run.Parameters[TensorGroup.LmHead].ParametersAfter.Should().Be(rows * 64);
        run.Parameters[TensorGroup.Rest].ParametersAfter.Should().Be(run.Parameters[TensorGroup.Rest].ParametersBefore)
            .And.BePositive();
        run.Parameters[TensorGroup.Embedding].BytesBefore.Should().Be(1024 * 64 * 4);
    }

    [Fact]
    public void Json_validation_and_timings_equal_the_inputs()
    {
        var json = WriteAndReadJson(run.Facts);

        var validation = json.GetProperty("validation");
        validation.GetProperty("passed").GetBoolean().Should().Be(run.Validation.Passed);
        var languages = validation.GetProperty("languages").EnumerateArray().ToList();
        languages.Should().HaveCount(run.Validation.Languages.Count);
        for (var i = 0; i < languages.Count; i++)
        {
            var expected = run.Validation.Languages[i];
            languages[i].GetProperty("sentences").GetInt32().Should().Be(expected.Sentences);
            languages[i].GetProperty("covered").GetInt32().Should().Be(expected.Covered);
            languages[i].GetProperty("logitSteps").GetInt32().Should().Be(expected.LogitSteps);
            languages[i].GetProperty("maxAbsLogitDifference").GetDouble().Should().Be(expected.MaxAbsLogitDifference);
        }
        validation.GetProperty("slim").GetProperty("parameters").GetInt64().Should().Be(run.Trim.ParametersAfter);

        json.GetProperty("timings").EnumerateArray().Select(
            t => (t.GetProperty("stage").GetString(), t.GetProperty("seconds").GetDouble()))
            .Should().Equal(("count", 1.25), ("select", 0.5), ("trim", 0.75), ("validate", 2.5));
        json.GetProperty("totalSeconds").GetDouble().Should().Be(5.0);
        json.GetProperty("timings")[0].GetProperty("reused").GetBoolean().Should().BeTrue();
    }

    [Fact]
    public void Json_validation_is_null_when_skipped_and_the_markdown_says_so()
    {
        var json = WriteAndReadJson(run.Facts with { Validation = null });

        json.GetProperty("validation").ValueKind.Should().Be(JsonValueKind.Null);
        File.ReadAllText(_dir.File(AdaptationReport.MarkdownFile)).Should().Contain("**Validation was skipped**");
    }

    [Fact]
    public void Markdown_has_the_tables_and_embeds_the_plots_by_relative_links()
    {
        AdaptationReport.Write(run.Facts, _dir.Path);
        var md = File.ReadAllText(_dir.File(AdaptationReport.MarkdownFile));

        foreach (var plot in
                 new[] { AdaptationReport.CoveragePlot, AdaptationReport.OverlapPlot, AdaptationReport.ParametersPlot })

        {
            md.Should().Contain($"]({plot})");
            File.Exists(_dir.File(plot)).Should().BeTrue();
        }
        md.Should().Contain($"| kept | {run.Selection.Totals.Kept:N0} |");
        md.Should().Contain($"| **all** | {run.Trim.ParametersBefore:N0} | {run.Trim.ParametersAfter:N0} |");
        md.Should().Contain("| count (reused) | 1.25 |").And.Contain("| validate | 2.50 |").And.Contain(
            "| **total** | 5.00 |");
        md.Should().Contain($"The vocabulary consists of the {VocabularyComposition.Sentence(run.Selection)}.");
    }
}
