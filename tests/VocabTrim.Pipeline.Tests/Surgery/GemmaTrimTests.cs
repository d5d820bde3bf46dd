using System.Text.Json.Nodes;
using VocabTrim.Checkpoints;
using VocabTrim.Checkpoints.Safetensors;
using VocabTrim.Pipeline.Tests.Cli;
using VocabTrim.Selection;
using VocabTrim.Surgery;
using VocabTrim.Synthetic;
using VocabTrim.TestSupport;

namespace VocabTrim.Pipeline.Tests.Surgery;

/// <summary>
/// Gemma 3 (gemma3_text) is trimmed but not run: its tied embedding is sliced like any family's, and everything that
/// needs the network (generate, validate, adapt with validation) says so in one line instead of failing later.
/// </summary>
public class GemmaTrimTests
{
    // gemma-3-1b-pt's config.json, with the widths shrunk: the layers are not read by vocabtrim.
    private static string GemmaFolder(TempDir dir, int rows = 512)
    {
        var folder = Directory.CreateDirectory(dir.File("gemma")).FullName;
        File.WriteAllText(Path.Combine(folder, "config.json"), new JsonObject
        {
            ["architectures"] = new JsonArray("Gemma3ForCausalLM"), ["model_type"] = "gemma3_text",
            ["vocab_size"] = rows,
            ["hidden_size"] = 8, ["num_hidden_layers"] = 1, ["bos_token_id"] = 2, ["eos_token_id"] = 1,
            ["pad_token_id"] = 0,
        }.ToJsonString());
        File.WriteAllText(
            Path.Combine(folder, "generation_config.json"),
            """{"bos_token_id": 2, "eos_token_id": [1, 106], "pad_token_id": 0}""");
        SafetensorsWriter.Write(Path.Combine(folder, "model.safetensors"),
        [
            new RandomTensorSource("model.embed_tokens.weight", [rows, 8], TensorInit.Normal(0.2), seed: 3),
            new RandomTensorSource("model.norm.weight", [8], TensorInit.Normal(0.2), seed: 4),
            new RandomTensorSource("model.layers.0.self_attn.q_norm.weight", [4], TensorInit.Normal(0.2), seed: 5),
        ]);
        return folder;
    }

    [Fact]
    public void The_tied_embedding_is_sliced_and_every_eos_id_follows()
    {
        using var dir = new TempDir();
        int[] kept = [0, 1, 2, 106, .. Enumerable.Range(300, 50)];

        var report = ModelTrimmer.Trim(GemmaFolder(dir), new KeepList(kept, null), dir.File("slim"));

        report.Tensors.Single(t => t.Action == TensorAction.SliceRows).Name.Should().Be("model.embed_tokens.weight");
        using var original = Checkpoint.Open(dir.File("gemma"));
        using var slim = Checkpoint.Open(dir.File("slim"));
        slim.Info("model.embed_tokens.weight").Shape.AsSpan().ToArray().Should().Equal(kept.Length, 8);
        slim.ReadRows("model.embed_tokens.weight", 3, 1).Should().Equal(
            original.ReadRows("model.embed_tokens.weight", 106, 1));
        slim.Tensors.Keys.Should().BeEquivalentTo(
            "model.embed_tokens.weight", "model.norm.weight", "model.layers.0.self_attn.q_norm.weight");
        JsonNode.Parse(File.ReadAllText(dir.File("slim/generation_config.json")))!["eos_token_id"]!
            .ToJsonString().Should().Be("[1,3]");
    }

    [Fact]
    public void Generate_and_adapt_with_validation_refuse_in_one_line_naming_the_architecture()
    {
        using var dir = new TempDir();
        var folder = GemmaFolder(dir);

        var generate = CliRun.Of("generate", "--model", folder, "--input-ids", "5");
        generate.ExitCode.Should().NotBe(0);
        generate.Error.Trim().Should().NotContain("\n").And.Contain("'gemma3_text' (gemma) is trimmed but not run");

        var adapt = CliRun.Of(
            "adapt", "--model", folder, "--langs", "en:10", "--corpus", $"en={SharedData.EnglishSample}",
            "--out", dir.File("slim"), "--cache", dir.File("cache"), "--quiet");
        adapt.ExitCode.Should().NotBe(0);
        adapt.Error.Trim().Should().NotContain("\n").And.Contain("config.json: $.model_type: 'gemma3_text'")
            .And.Contain("--skip-validation");
        Directory.Exists(dir.File("slim")).Should().BeFalse();
    }
}
