using System.Text.Json;
using System.Text.Json.Nodes;
using VocabTrim.TestSupport;

namespace VocabTrim.Pipeline.Tests.Cli;

public class ValidateCommandTests
{
    private static string Mt5Tiny => SharedData.Reference("mt5-tiny");

    private static CliRun Validate(TempDir dir, string slim, params string[] extra) => CliRun.Of(
        ["validate", "--original", Mt5Tiny, "--slim", slim, "--corpus", $"en={SharedData.EnglishSample}",
         "--corpus", $"de={SharedData.GermanSample}", "--max-sentences", "300", "--logit-sentences", "6",
         "--max-new-tokens", "5", "--out", dir.File("validation.json"), .. extra]);

    private static JsonElement Language(TempDir dir, int i) =>
        JsonDocument.Parse(File.ReadAllBytes(dir.File("validation.json"))).RootElement.GetProperty("languages")[i];

    [Fact]
    public void The_shared_keep_list_trim_validates_clean_with_identical_logits()
    {
        using var dir = new TempDir();
        CliRun.Of(
            "trim", "--model", Mt5Tiny, "--keep", Path.Combine(Mt5Tiny, "kept_mt5-tiny.json"), "--out", dir.File(
                "slim")).ExitCode.Should().Be(0);

        var run = Validate(dir, dir.File("slim"));

        run.ExitCode.Should().Be(0, run.ToString());
        run.Output.Should().Contain("validation passed");
        var en = Language(dir, 0);
        en.GetProperty("logit_sentences").GetInt32().Should().Be(6);
        en.GetProperty("logit_steps").GetInt32().Should().Be(
            30, "6 sentences x 5 steps, the tiny model never emits eos this early");
        en.GetProperty("max_abs_logit_difference").GetDouble().Should().BeLessThanOrEqualTo(1e-4);
        en.GetProperty("greedy_identical").GetInt32().Should().Be(6);
        var report = JsonDocument.Parse(File.ReadAllBytes(dir.File("validation.json"))).RootElement;
        report.GetProperty("slim_model").GetProperty("compute_dtype").GetString().Should().Be("float32");
        report.GetProperty("original_model").GetProperty("stored_dtype").GetString().Should().Be("F32");
    }

    [Theory]
    [InlineData("bfloat16", "BF16")]
    [InlineData("float16", "F16")]
    public void A_trim_to_lower_precision_validates_clean_with_the_original_run_in_the_same_dtype(
        string dtype, string stored)
    {
        using var dir = new TempDir();
        CliRun.Of(
            "trim", "--model", Mt5Tiny, "--keep", Path.Combine(Mt5Tiny, "kept_mt5-tiny.json"), "--out",
            dir.File("slim"), "--dtype", dtype)
            .ExitCode.Should().Be(0);

        var run = Validate(dir, dir.File("slim"));

        run.ExitCode.Should().Be(0, run.ToString());
        run.Output.Should().Contain("validation passed");
        run.Error.Should().Contain($"the slim model's weights are {stored}: both models run in {dtype}");
        var report = JsonDocument.Parse(File.ReadAllBytes(dir.File("validation.json"))).RootElement;
        foreach (var (model, storedIn) in new[] { ("original_model", "F32"), ("slim_model", stored) })
        {
            report.GetProperty(model).GetProperty("stored_dtype").GetString().Should().Be(storedIn);
            report.GetProperty(model).GetProperty("compute_dtype").GetString().Should().Be(dtype);
        }
        foreach (var i in new[] { 0, 1 })
        {
            Language(dir, i).GetProperty("logit_steps").GetInt32().Should().Be(30);
            Language(dir, i).GetProperty("logit_values_out_of_tolerance").GetInt64().Should().Be(0);
            Language(dir, i).GetProperty("greedy_identical").GetInt32().Should().Be(6);
        }
    }

    [Fact]
    public void A_counted_and_selected_trim_keeps_covered_sentences_identical()
    {
        using var dir = new TempDir();
        var spiece = Path.Combine(Mt5Tiny, "spiece.model");
        CliRun.Of(
            "count", "--tokenizer", spiece, "--corpus", $"en={SharedData.EnglishSample}", "--corpus",
            $"de={SharedData.GermanSample}",
            "--out", dir.File("counts"), "--quiet", "--max-sentences", "2000").ExitCode.Should().Be(0);
        CliRun.Of(
            "select", "--counts", dir.File("counts"), "--langs", "en:300,de:300", "--overall", "100", "--out", dir.File(
                "keep.json")).ExitCode.Should().Be(0);
        CliRun.Of("trim", "--model", Mt5Tiny, "--keep", dir.File("keep.json"), "--out", dir.File("slim"))
            .ExitCode.Should().Be(0);

        var run = Validate(dir, dir.File("slim"));

        run.ExitCode.Should().Be(0, run.ToString());
        for (var i = 0; i < 2; i++)
        {
            var l = Language(dir, i);
            l.GetProperty("covered").GetInt32().Should().BeGreaterThan(50);
            l.GetProperty("covered_identical").GetInt32().Should().Be(l.GetProperty("covered").GetInt32());
            l.GetProperty("max_abs_logit_difference").GetDouble().Should().BeLessThanOrEqualTo(1e-4);
        }
        var report = JsonDocument.Parse(File.ReadAllBytes(dir.File("validation.json"))).RootElement;
        report.GetProperty("slim_model").GetProperty("parameters").GetInt64()
            .Should().BeLessThan(report.GetProperty("original_model").GetProperty("parameters").GetInt64());
    }

    [Fact]
    public void A_slim_model_whose_rows_do_not_match_its_keep_list_fails()
    {
        using var dir = new TempDir();
        CliRun.Of(
            "trim", "--model", Mt5Tiny, "--keep", Path.Combine(Mt5Tiny, "kept_mt5-tiny.json"), "--out", dir.File(
                "slim")).ExitCode.Should().Be(0);
        // Swap what two slim rows claim to be: the weights no longer are the original's rows at those ids.
        var manifestPath = dir.File("slim/vocabtrim.json");
        var manifest = JsonNode.Parse(File.ReadAllText(manifestPath))!;
        var ids = manifest["keep_list"]!["ids"]!.AsArray();
        var (a, b) = (ids[10]!.GetValue<int>(), ids[11]!.GetValue<int>());
        ids[10] = b;
        ids[11] = a;
        File.WriteAllText(manifestPath, manifest.ToJsonString());

        var run = Validate(dir, dir.File("slim"));

        run.ExitCode.Should().Be(2, run.ToString());
        run.Output.Should().Contain("FAILED: en: ").And.Contain("logits differ by more than");
        Language(dir, 0).GetProperty("logit_values_out_of_tolerance").GetInt64().Should().BeGreaterThan(0);
    }

    [Fact]
    public void Whether_the_originals_own_greedy_output_stays_kept_agrees_with_the_reference_generation()
    {
        // Keep everything but 976, the reference's first greedy token for inputs 1 and 3 (mt5-tiny.run.json): the
        // original's own greedy output leaves the kept set on those two and stays in it on inputs 0 and 2.
        using var dir = new TempDir();
        File.WriteAllText(
            dir.File("keep.json"), "[" + string.Join(",", Enumerable.Range(0, 1024).Where(i => i != 976)) + "]");
        CliRun.Of("trim", "--model", Mt5Tiny, "--keep", dir.File("keep.json"), "--out", dir.File("slim"))
            .ExitCode.Should().Be(0);
        var reference = JsonNode.Parse(File.ReadAllText(Path.Combine(Mt5Tiny, "mt5-tiny.run.json")))!["cases"]!
            .AsArray();
        reference.Select(c => c!["generated"]!.AsArray().Any(id => (int)id! == 976)).Should()
            .Equal(false, true, false, true);
        // validate appends mT5's eos itself; the shared inputs already end with it.
        var inputs = JsonNode.Parse(File.ReadAllText(Path.Combine(Mt5Tiny, "inputs.json")))!["inputs"]!.AsArray()
            .Select(i => i!.AsArray().Select(id => (int)id!).SkipLast(1).ToArray()).ToArray();
        File.WriteAllText(dir.File("inputs.json"), JsonSerializer.Serialize(inputs));

        var run = CliRun.Of(
            "validate", "--original", Mt5Tiny, "--slim", dir.File("slim"), "--input-ids", dir.File("inputs.json"),
            "--max-new-tokens", "10", "--out", dir.File("validation.json"));

        run.ExitCode.Should().Be(0, run.ToString());
        var ids = Language(dir, 0);
        ids.GetProperty("greedy_identical").GetInt32().Should().Be(4);
        ids.GetProperty("original_greedy_within_kept").GetInt32().Should().Be(2);
    }

    [Theory]
    [InlineData("bloom-tiny")]
    [InlineData("llama-tiny")]
    [InlineData("qwen2-tiny")]
    public void The_shared_decoder_keep_list_trim_validates_clean_on_the_reference_inputs(string reference)
    {
        // These folders have no tokenizer: validate runs the reference's own input ids (all of them kept).
        using var dir = new TempDir();
        var folder = SharedData.Reference(reference);
        CliRun.Of(
            "trim", "--model", folder, "--keep", Path.Combine(folder, $"kept_{reference}.json"), "--out", dir.File(
                "slim")).ExitCode.Should().Be(0);

        var run = CliRun.Of(
            "validate", "--original", folder, "--slim", dir.File("slim"), "--input-ids",
            Path.Combine(folder, "inputs.json"),
            "--max-new-tokens", "10", "--out", dir.File("validation.json"));

        run.ExitCode.Should().Be(0, run.ToString());
        var ids = Language(dir, 0);
        ids.GetProperty("language").GetString().Should().Be("ids");
        ids.GetProperty("logit_sentences").GetInt32().Should().Be(4);
        ids.GetProperty("logit_steps").GetInt32().Should().BeGreaterThan(4);
        ids.GetProperty("greedy_identical").GetInt32().Should().Be(4);
        // The Hugging Face trim checks of the same keep lists saw at most 1.9e-6; ours must be as close.
        ids.GetProperty("max_abs_logit_difference").GetDouble().Should().BeLessThanOrEqualTo(1e-5);
    }

    [Fact]
    public void Input_ids_that_the_slim_model_does_not_keep_are_refused()
    {
        using var dir = new TempDir();
        var bloom = SharedData.Reference("bloom-tiny");
        CliRun.Of(
            "trim", "--model", bloom, "--keep", Path.Combine(bloom, "kept_bloom-tiny.json"), "--out", dir.File("slim"))
            .ExitCode.Should().Be(0);
        var kept = JsonNode.Parse(File.ReadAllText(Path.Combine(bloom, "kept_bloom-tiny.json")))!["kept"]!
            .AsArray().Select(n => n!.GetValue<int>()).ToHashSet();
        var dropped = Enumerable.Range(0, 1024).First(id => !kept.Contains(id));
        File.WriteAllText(dir.File("ids.json"), $"[[{kept.First()}, {dropped}]]");

        var run = CliRun.Of(
            "validate", "--original", bloom, "--slim", dir.File("slim"), "--input-ids", dir.File("ids.json"), "--out",
            dir.File("validation.json"));

        run.ExitCode.Should().Be(1);
        run.Error.Should().Contain($"has id {dropped}, which the slim model does not keep");
    }

    [Fact]
    public void A_folder_that_was_not_trimmed_by_vocabtrim_is_a_clear_error()
    {
        using var dir = new TempDir();
        var run = Validate(dir, Mt5Tiny);
        run.ExitCode.Should().Be(1);
        run.Error.Should().Contain("vocabtrim.json is missing");
        File.Exists(dir.File("validation.json")).Should().BeFalse();
    }
}
