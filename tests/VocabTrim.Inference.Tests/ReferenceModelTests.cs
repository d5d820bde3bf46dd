using VocabTrim.Inference.Generation;
using VocabTrim.Inference.Tests.Support;

namespace VocabTrim.Inference.Tests;

/// <summary>
/// Acceptance against transformers 4.45.2 on the shared tiny checkpoints, for both model families and both
/// weight files: every recorded step's full logits vector, the greedy ids, and the padded batch.
/// </summary>
public class ReferenceModelTests
{
    public static TheoryData<string, string> ModelsAndWeights() => new()
    {
        { "mt5-tiny", "model.safetensors" },
        { "mt5-tiny", "pytorch_model.bin" },
        { "bloom-tiny", "model.safetensors" },
        { "bloom-tiny", "pytorch_model.bin" },
        { "llama-tiny", "model.safetensors" },
        { "llama-tiny", "pytorch_model.bin" },
        { "qwen2-tiny", "model.safetensors" },
        { "qwen2-tiny", "pytorch_model.bin" },
    };

    [Theory]
    [MemberData(nameof(ModelsAndWeights))]
    public void Each_input_alone_gives_the_reference_logits_and_greedy_ids(string name, string weightsFile)
    {
        var run = ReferenceRun.Load(name);
        using var model = LanguageModels.Load(run.Folder, weights: Path.Combine(run.Folder, weightsFile));
        var generator = new GreedyGenerator(model);
        foreach (var (c, index) in run.Cases.Select((c, i) => (c, i)))
        {
            var result = generator.Generate([c.InputIds],
                new GenerationOptions(run.MaxNewTokens, KeepStepLogits: true));
            result.Tokens[0].Should().Equal(c.Generated, $"case {index} ({c.InputIds.Length} input ids)");
            c.StepLogits.Should().NotBeEmpty();
            for (var step = 0; step < c.StepLogits.Count; step++)
                Tolerance.AssertClose(result.StepLogits[0][step], c.StepLogits[step],
                    $"{name} case {index} step {step}", c.AbsoluteTolerance);
        }
    }

    [Fact]
    public void Only_one_reference_input_needs_a_wider_tolerance()
    {
        // Guards the widening above: it must stay the exception, bounded, and not apply to mT5 at all.
        var wide = new[] { "mt5-tiny", "bloom-tiny", "llama-tiny", "qwen2-tiny" }
            .SelectMany(n => ReferenceRun.Load(n).Cases.Select((c, i) => (n, i, c.AbsoluteTolerance)))
            .Where(x => x.AbsoluteTolerance > Tolerance.Absolute).ToList();
        wide.Should().ContainSingle().Which.Should().Match<(string Name, int Index, double Tol)>(
            x => x.Name == "bloom-tiny" && x.Index == 2 && x.Tol < 3.1e-4);
    }

    [Theory]
    [InlineData("llama-tiny")]
    [InlineData("qwen2-tiny")]
    public void Every_step_of_the_llama_family_references_is_compared(string name)
    {
        // The Llama-family runs record all 8 steps (mT5 and BLOOM the first 3): the tests above check them all.
        var run = ReferenceRun.Load(name);
        run.MaxNewTokens.Should().Be(8);
        run.Cases.Should().HaveCount(4).And.OnlyContain(c => c.StepLogits.Count == c.Generated.Length
            && c.Generated.Length == 8);
    }

    [Theory]
    [InlineData("mt5-tiny")]
    [InlineData("bloom-tiny")]
    [InlineData("llama-tiny")]
    [InlineData("qwen2-tiny")]
    public void Padded_batch_gives_the_reference_batched_generation(string name)
    {
        var run = ReferenceRun.Load(name);
        using var model = LanguageModels.Load(run.Folder);
        var result = new GreedyGenerator(model).Generate(
            TensorData.Sequences(run.Cases.Select(c => c.InputIds)),
            new GenerationOptions(run.MaxNewTokens, KeepStepLogits: true));
        result.Tokens.Should().HaveCount(run.BatchedGenerated.Count);
        for (var i = 0; i < run.BatchedGenerated.Count; i++)
        {
            result.Tokens[i].Should().Equal(run.BatchedGenerated[i], $"sequence {i} of the batch");
            // Padding must not move the logits either: the batch matches each input's unbatched reference logits.
            for (var step = 0; step < run.Cases[i].StepLogits.Count; step++)
                Tolerance.AssertClose(result.StepLogits[i][step], run.Cases[i].StepLogits[step],
                    $"{name} batched sequence {i} step {step}", run.Cases[i].AbsoluteTolerance);
        }
    }
}
