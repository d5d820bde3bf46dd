using System.Buffers.Binary;
using System.Text.Json;
using System.Text.Json.Nodes;
using VocabTrim.Adaptation;
using VocabTrim.Counting;
using VocabTrim.TestSupport;
using VocabTrim.Validation;

namespace VocabTrim.Adaptation.Tests;

/// <summary>
/// <c>vocabtrim test</c>'s check: a fresh slim model passes; changed weights or changed tokenization fail it.
/// </summary>
public sealed class RegressionTestTests : IDisposable
{
    private readonly TempDir _temp = new();
    private readonly ValidationPlan _validation = new(
        [("en", SharedData.EnglishSample), ("de", SharedData.GermanSample)],
        new ValidationOptions(MaxSentences: 200, LogitSentences: 3, MaxNewTokens: 4));

    public void Dispose() => _temp.Dispose();

    private string Adapt()
    {
        var output = _temp.File("slim");
        Adaptation.Run(new AdaptationPlan
        {
            ModelFolder = SharedData.Reference("mt5-tiny"),
            Languages =
            [
                new LanguagePlan(
                    "en", 300, SharedData.EnglishSample, "eng", new CountingOptions(
                        2000, false, CorpusCounter.LeipzigFormat)),
                new LanguagePlan(
                    "de", 400, SharedData.GermanSample, "deu", new CountingOptions(
                        2000, false, CorpusCounter.LeipzigFormat)),
            ],
            OutputFolder = output,
            Validation = _validation,
        });
        return output;
    }

    [Fact]
    public void A_slim_model_as_written_passes_without_drift()
    {
        var slim = Adapt();

        var outcome = RegressionTest.Run(SharedData.Reference("mt5-tiny"), slim, _validation);

        outcome.Passed.Should().BeTrue(string.Join("; ", outcome.Failures));
        outcome.RecordedReport.Should().Be(Path.Combine(slim, "validation.json"));
        outcome.Report.Languages.Should().OnlyContain(l => l.LogitSteps > 0);
    }

    [Fact]
    public void Changed_weights_fail_on_the_logits()
    {
        var slim = Adapt();
        AddToTensor(Path.Combine(slim, "model.safetensors"), "lm_head.weight", 0.01f);

        var outcome = RegressionTest.Run(SharedData.Reference("mt5-tiny"), slim, _validation);

        outcome.Passed.Should().BeFalse();
        outcome.Drift.Should().BeEmpty("the tokenizer did not change");
        outcome.Report.Failures.Should().Contain(f => f.Contains("logit", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void Tokenization_figures_that_differ_from_the_recorded_ones_are_drift()
    {
        var slim = Adapt();
        var path = Path.Combine(slim, "validation.json");
        var recorded = JsonNode.Parse(File.ReadAllText(path))!;
        var de = recorded["languages"]!.AsArray().Single(l => (string?)l!["language"] == "de")!;
        var covered = (int)de["covered"]!;
        de["covered"] = covered + 1;
        File.WriteAllText(path, recorded.ToJsonString());

        var outcome = RegressionTest.Run(SharedData.Reference("mt5-tiny"), slim, _validation);

        outcome.Passed.Should().BeFalse();
        outcome.Drift.Should().Equal(
            $"de: sentences covered {covered + 1:N0} when the model was made, {covered:N0} now");
    }

    /// <summary>Adds <paramref name="delta"/> to every F32 value of one tensor, in place.</summary>
    private static void AddToTensor(string path, string name, float delta)
    {
        var bytes = File.ReadAllBytes(path);
        var headerLength = (int)BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        using var header = JsonDocument.Parse(bytes.AsMemory(8, headerLength));
        var offsets = header.RootElement.GetProperty(name).GetProperty("data_offsets");
        var start = 8 + headerLength + offsets[0].GetInt32();
        var end = 8 + headerLength + offsets[1].GetInt32();
        for (var i = start; i < end; i += 4)
            BinaryPrimitives.WriteSingleLittleEndian(
                bytes.AsSpan(i), BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan(i)) + delta);
        File.WriteAllBytes(path, bytes);
    }
}
