using VocabTrim.Checkpoints;
using VocabTrim.Pipeline.Tests.Support;
using VocabTrim.Selection;
using VocabTrim.TestSupport;

namespace VocabTrim.Pipeline.Tests.Cli;

public class ModelTrimCommandTests
{
    [Fact]
    public void Trim_model_reports_what_it_did()
    {
        using var dir = new TempDir();

        var run = CliRun.Of("trim", "--model", ModelFolder.Linked(dir, "mt5-tiny", ModelFolder.Pickle),
            "--keep", ModelFolder.KeptList("mt5-tiny"), "--out", dir.File("out"), "--pad-to-multiple", "8",
            "--max-shard-size", "5GB");

        run.ExitCode.Should().Be(0, run.Error);
        run.Error.Should().BeEmpty();
        run.Output.Should().StartWith(
            "mt5: kept 373 of 1,024 vocabulary rows\npadded with 3 zero rows to 376 (--pad-to-multiple 8)\n")
            .And.Contain("6 kept ids are beyond the tokenizer's pieces")
            .And.Contain("sliced shared.weight\n").And.Contain("sliced lm_head.weight\n")
            .And.Contain("dropped encoder.embed_tokens.weight: the same storage as shared.weight")
            .And.Contain($"parameters 328,704 → {328_704 - 2 * (1024 - 376) * 64:N0}")
            .And.EndWith($"wrote {dir.File("out")}\n");
        Directory.GetFiles(dir.File("out")).Select(Path.GetFileName).Should().BeEquivalentTo(
            "model.safetensors", "config.json", "generation_config.json", "spiece.model", "vocabtrim.json");
    }

    [Fact]
    public void Trim_model_dtype_bfloat16_writes_half_the_weight_bytes()
    {
        using var dir = new TempDir();

        var run = CliRun.Of("trim", "--model", ModelFolder.Linked(dir, "bloom-tiny", ModelFolder.Safetensors),
            "--keep", ModelFolder.KeptList("bloom-tiny"), "--out", dir.File("out"), "--dtype", "bfloat16");
        var tokenizerOnly = CliRun.Of(
            "trim", "--tokenizer", SharedData.Mt5TinySpiece, "--keep", ModelFolder.KeptList("mt5-tiny"),
            "--out", dir.File("tok"), "--dtype", "float16");
        var unknown = CliRun.Of(
            "trim", "--model", ModelFolder.Linked(dir, "bloom-tiny", ModelFolder.Safetensors, "again"),
            "--keep", ModelFolder.KeptList("bloom-tiny"), "--out", dir.File("out2"), "--dtype", "int8");

        run.ExitCode.Should().Be(0, run.Error);
        using var trimmed = Checkpoint.Open(dir.File("out"));
        trimmed.Tensors.Values.Should().OnlyContain(t => t.Dtype == Dtype.BF16);
        run.Output.Should().Contain($"wrote {trimmed.Tensors.Count} floating-point tensors in bfloat16\n")
            .And.Contain("config.json: torch_dtype float32 → bfloat16");
        tokenizerOnly.ExitCode.Should().Be(1);
        tokenizerOnly.Error.Should().Contain("--dtype apply to --model only");
        unknown.ExitCode.Should().NotBe(0);
        unknown.Error.Should().Contain("int8");
        Directory.Exists(dir.File("out2")).Should().BeFalse();
    }

    [Theory]
    [InlineData("--max-shard-size", "5 parsecs", "'5 parsecs'")]
    [InlineData("--pad-to-multiple", "0", "--pad-to-multiple must be a positive number")]
    public void Bad_sizes_are_usage_errors(string option, string value, string message)
    {
        using var dir = new TempDir();

        var run = CliRun.Of("trim", "--model", ModelFolder.Linked(dir, "bloom-tiny", ModelFolder.Safetensors),
            "--keep", ModelFolder.KeptList("bloom-tiny"), "--out", dir.File("out"), option, value);

        run.ExitCode.Should().Be(1);
        run.Error.Should().StartWith("vocabtrim: ").And.Contain(message);
        Directory.Exists(dir.File("out")).Should().BeFalse();
    }

    [Fact]
    public void Tokenizer_and_model_together_are_a_usage_error()
    {
        var run = CliRun.Of("trim", "--model", "/a", "--tokenizer", "/b", "--keep", "/c", "--out", "/d");

        run.Should().Be(new CliRun(1, "", "vocabtrim: give either --tokenizer spiece.model or --model FOLDER\n"));
    }

    [Fact]
    public void Count_select_and_trim_the_model_end_to_end()
    {
        using var dir = new TempDir();
        var model = ModelFolder.Linked(dir, "mt5-tiny", ModelFolder.Safetensors);

        CliRun.Of(
            "count", "--tokenizer", Path.Combine(model, "spiece.model"), "--corpus", $"en={SharedData.EnglishSample}",
            "--out", dir.File("counts"), "--max-sentences", "2000", "--quiet").ExitCode.Should().Be(0);
        CliRun.Of("select", "--counts", dir.File("counts"), "--langs", "en:300", "--out", dir.File("keep.json"))
            .ExitCode.Should().Be(0);
        var run = CliRun.Of("trim", "--model", model, "--keep", dir.File("keep.json"), "--out", dir.File("slim"));

        run.ExitCode.Should().Be(0, run.Error);
        var keep = KeepListFile.Read(dir.File("keep.json"));
        keep.TokenizerSha256.Should().NotBeNull(
            "select records the tokenizer, which trim checks against the model's spiece.model");
        using var trimmed = Checkpoint.Open(dir.File("slim"));
        trimmed.Tensors["shared.weight"].Shape.Should().Equal(keep.Ids.Count, 64);
        ReferenceSentencePiece.EncodeLines(dir.File("slim/spiece.model"), ["The government said on Monday."]).Single()
            .Should().NotBeEmpty().And.OnlyContain(id => id < keep.Ids.Count);
    }
}
