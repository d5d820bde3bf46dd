using System.Text.Json;
using VocabTrim.Pipeline.Tests.Support;
using VocabTrim.Synthetic;
using VocabTrim.TestSupport;
using VocabTrim.Tokenizers.Bpe;

namespace VocabTrim.Pipeline.Tests.Cli;

/// <summary>
/// BLOOM through the whole pipeline: bloom-tiny (1,024 rows) given a 1,024-token BLOOM-format BPE trained on
/// the shared samples, then count → select → trim --model (merge closure) → validate.
/// </summary>
public class BloomEndToEndTests
{
    [Fact]
    public void Count_select_trim_validate_a_bloom_model_with_its_bpe_tokenizer()
    {
        using var dir = new TempDir();
        var folder = ModelFolder.Linked(dir, "bloom-tiny", ModelFolder.Safetensors);
        var (tokens, merges) = BpeTrainer.Train(LeipzigSample.Both(), 1024);
        File.WriteAllText(Path.Combine(folder, "tokenizer.json"), BloomFormat.Write(tokens, merges));

        var count = CliRun.Of(
            "count", "--tokenizer", Path.Combine(folder, "tokenizer.json"), "--corpus",
            $"en={SharedData.EnglishSample}",
            "--corpus", $"de={SharedData.GermanSample}", "--out", dir.File("counts"), "--quiet",
            "--max-sentences", "3000");
        count.ExitCode.Should().Be(0, count.ToString());
        CliRun.Of(
            "select", "--counts", dir.File("counts"), "--langs", "en:250,de:250", "--overall", "50", "--out",
            dir.File("keep.json"))
            .ExitCode.Should().Be(0);
        var trim = CliRun.Of("trim", "--model", folder, "--keep", dir.File("keep.json"), "--out", dir.File("slim"));
        trim.ExitCode.Should().Be(0, trim.ToString());
        var validate = CliRun.Of(
            "validate", "--original", folder, "--slim", dir.File("slim"), "--corpus", $"en={SharedData.EnglishSample}",
            "--corpus", $"de={SharedData.GermanSample}", "--max-sentences", "500", "--logit-sentences", "6",
            "--max-new-tokens", "4",
            "--out", dir.File("validation.json"));

        validate.ExitCode.Should().Be(0, validate.ToString());
        var report = JsonDocument.Parse(File.ReadAllBytes(dir.File("validation.json"))).RootElement;
        foreach (var language in report.GetProperty("languages").EnumerateArray())
        {
            language.GetProperty("covered").GetInt32().Should().BeGreaterThan(0);
            language.GetProperty("covered_identical").GetInt32().Should().Be(
                language.GetProperty("covered").GetInt32());
            language.GetProperty("logit_steps").GetInt32().Should().BeGreaterThan(0);
            language.GetProperty("max_abs_logit_difference").GetDouble().Should().BeLessThanOrEqualTo(1e-4);
        }
        // The trimmed tokenizer.json is a closed BPE the slim model's rows follow.
        var slimTokenizer = BpeTokenizer.Load(dir.File("slim/tokenizer.json"));
        var config = JsonDocument.Parse(File.ReadAllBytes(dir.File("slim/config.json"))).RootElement;
        config.GetProperty("vocab_size").GetInt32().Should().Be(slimTokenizer.PieceCount);
    }

    [Fact]
    public void Generate_tokenizes_a_bloom_prompt_with_the_folders_tokenizer_json()
    {
        using var dir = new TempDir();
        var folder = ModelFolder.Linked(dir, "bloom-tiny", ModelFolder.Safetensors);
        var (tokens, merges) = BpeTrainer.Train(LeipzigSample.Both().Take(4000).ToList(), 1024);
        File.WriteAllText(Path.Combine(folder, "tokenizer.json"), BloomFormat.Write(tokens, merges));
        const string prompt = "Die Bundesregierung hat am Montag";
        var ids = BpeTokenizer.Load(Path.Combine(folder, "tokenizer.json")).Encode(prompt);

        var byPrompt = CliRun.Of("generate", "--model", folder, "--prompt", prompt, "--max-new-tokens", "5", "--ids");
        var byIds = CliRun.Of(
            "generate", "--model", folder, "--input-ids", string.Join(',', ids), "--max-new-tokens", "5", "--ids");

        byPrompt.ExitCode.Should().Be(0, byPrompt.ToString());
        byIds.ExitCode.Should().Be(0, byIds.ToString());
        ids.Should().NotBeEmpty();
        byPrompt.Output.Split('\n').Last(l => l.Length > 0).Should().Be(
            byIds.Output.Split('\n').Last(l => l.Length > 0),
            "the prompt is encoded to the same ids the BPE tokenizer gives");
    }
}
