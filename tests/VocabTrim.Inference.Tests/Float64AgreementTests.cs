using TorchSharp;
using VocabTrim.Checkpoints;
using VocabTrim.Inference.Bloom;
using VocabTrim.Inference.Generation;
using VocabTrim.Inference.Llama;
using VocabTrim.Inference.Mt5;
using VocabTrim.Inference.Tests.Support;
using VocabTrim.Inference.Weights;

namespace VocabTrim.Inference.Tests;

/// <summary>
/// The float32 path (cached, incremental) against the same network evaluated in float64: a check of the
/// arithmetic that does not depend on how another implementation rounded, at the same tolerance as the
/// reference comparison (bloom-tiny's third input is as noisy in our float32 as in transformers').
/// </summary>
public class Float64AgreementTests
{
    [Theory]
    [InlineData("mt5-tiny")]
    [InlineData("bloom-tiny")]
    [InlineData("llama-tiny")]
    [InlineData("qwen2-tiny")]
    public void Float32_generation_logits_match_float64_evaluation(string name)
    {
        var run = ReferenceRun.Load(name);
        using var model32 = LanguageModels.Load(run.Folder);
        using var checkpoint = Checkpoint.Open(run.Folder);
        var config = ModelConfigJson.LoadFolder(run.Folder);
        var loader = new WeightLoader(checkpoint, torch.CPU, torch.ScalarType.Float64);
        using ILanguageModel model64 = name.Split('-')[0] switch
        {
            "mt5" => Mt5Model.Load(Mt5Config.From(config), loader),
            "bloom" => BloomModel.Load(BloomConfig.From(config), loader),
            _ => LlamaModel.Load(LlamaConfig.From(config), loader),
        };
        model64.Dtype.Should().Be(torch.ScalarType.Float64);
        var options = new GenerationOptions(run.MaxNewTokens, KeepStepLogits: true);
        foreach (var (c, index) in run.Cases.Select((c, i) => (c, i)))
        {
            var single = new GreedyGenerator(model32).Generate([c.InputIds], options);
            var exact = new GreedyGenerator(model64).Generate([c.InputIds], options);
            single.Tokens[0].Should().Equal(exact.Tokens[0]);
            for (var step = 0; step < single.StepLogits[0].Count; step++)
                Tolerance.AssertClose(single.StepLogits[0][step], exact.StepLogits[0][step],
                    $"{name} case {index} step {step} vs float64", c.AbsoluteTolerance);
        }
    }
}
