using System.CommandLine;
using System.Text.Json;
using VocabTrim.Cli;
using VocabTrim.Inference.Generation;
using VocabTrim.Inference.Tests.Support;
using VocabTrim.TestSupport;

namespace VocabTrim.Inference.Tests;

/// <summary><c>vocabtrim generate</c> end to end through the real command tree.</summary>
public class GenerateCommandTests
{
    private static (int Exit, string Output, string Error) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = VocabTrimCommand.Invoke(args, new InvocationConfiguration
        {
            Output = output,
            Error = error
        });
        return (exit, output.ToString(), error.ToString());
    }

    [Theory]
    [InlineData("mt5-tiny", 3)]
    [InlineData("bloom-tiny", 1)]
    [InlineData("llama-tiny", 3)]
    [InlineData("qwen2-tiny", 2)]
    public void Input_ids_generate_the_reference_ids_and_logits_out_holds_the_reference_logits(string name,
        int caseIndex)
    {
        var run = ReferenceRun.Load(name);
        var c = run.Cases[caseIndex];
        using var dir = new TempDir();
        var (exit, output, error) = Run("generate", "--model", run.Folder, "--input-ids", string.Join(',', c.InputIds),
            "--max-new-tokens", run.MaxNewTokens.ToString(), "--ids", "--logits-out", dir.File("logits.json"));
        exit.Should().Be(0, error);
        output.Split('\n',
            StringSplitOptions.RemoveEmptyEntries).Last().Trim().Should().Be(string.Join(' ', c.Generated));

        using var json = JsonDocument.Parse(File.ReadAllBytes(dir.File("logits.json")));
        var written = json.RootElement.GetProperty("cases")[0];
        ReferenceRun.Longs(written.GetProperty("generated")).Should().Equal(c.Generated);
        var steps = written.GetProperty("step_logits").EnumerateArray().ToList();
        steps.Should().HaveCount(c.Generated.Length, "one logits vector per generated token");
        for (var k = 0; k < c.StepLogits.Count; k++)
        {
            var values = steps[k].GetProperty("values").EnumerateArray().Select(v => v.GetSingle()).ToArray();
            Tolerance.AssertClose(values, c.StepLogits[k], $"written step {k}", c.AbsoluteTolerance);
            steps[k].GetProperty("argmax").GetInt64().Should().Be(c.Generated[k]);
        }
    }

    [Fact]
    public void Prompt_is_encoded_with_the_folders_sentencepiece_model_plus_eos_and_decoded_back()
    {
        var folder = SharedData.Reference("mt5-tiny");
        using var doc = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(folder, "mt5-tiny.tokref.json")));
        using var model = LanguageModels.Load(folder);
        var codec = PromptCodec.TryLoad(folder, model)!;
        foreach (var sample in doc.RootElement.GetProperty("cases").EnumerateArray())
            codec.Encode(sample.GetProperty("text").GetString()!)
                .Should().Equal(ReferenceRun.Longs(sample.GetProperty("sp_ids_plus_eos")));

        const string text = "This License applies to any program or other work.";
        var expected = new GreedyGenerator(model).Generate([codec.Encode(text)], new GenerationOptions(5)).Tokens[0];
        var (exit, output, error) = Run("generate", "--model", folder, "--prompt", text, "--max-new-tokens", "5",
            "--ids");
        exit.Should().Be(0, error);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines[^1].Trim().Should().Be(string.Join(' ', expected));
        lines[0].Should().Be(codec.Decode(expected));
    }

    [Fact]
    public void Bloom_prompt_without_a_tokenizer_asks_for_ids()
    {
        var (exit, _, error) = Run("generate", "--model", SharedData.Reference("bloom-tiny"), "--prompt", "hello");
        exit.Should().Be(1, "a prompt without a tokenizer is bad input");
        error.Should().StartWith("vocabtrim: --prompt: ").And.Contain("pass --input-ids");
    }

    [Fact]
    public void Prompt_and_input_ids_together_are_rejected()
    {
        var (exit, _, error) = Run("generate", "--model", SharedData.Reference("mt5-tiny"), "--prompt", "x",
            "--input-ids", "1");
        exit.Should().NotBe(0);
        error.Should().Contain("exactly one of --prompt and --input-ids");
    }
}
