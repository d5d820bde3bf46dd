using TorchSharp;
using VocabTrim.Inference.Generation;
using VocabTrim.Inference.Mt5;
using VocabTrim.Inference.Tests.Support;
using VocabTrim.TestSupport;

namespace VocabTrim.Inference.Tests;

/// <summary>
/// The fused float32 CPU step (<see cref="Mt5CpuStep"/>, after <see cref="Mt5CpuEncoder"/>) and the libtorch
/// ops they replace, both against the same network evaluated in float64, step by step, for every
/// configuration they take (<see cref="RandomMt5.Configurations"/>), padded batches of one to three groups
/// of eight and a 91-token input. Both float32 paths must be within <see cref="Absolute"/> of the exact
/// values: on these random networks with the long input, float32 rounding alone reaches ~1.3e-4 in the
/// libtorch path, past the reference fixtures' 1e-4, while a real mistake (a missing bias or mask, a wrong
/// scale) moves logits by 1e-2 and more. The reference fixtures hold both paths to 1e-4 elsewhere.
/// </summary>
public class FusedStepTests
{
    private const double Absolute = 5e-4;

    [Theory]
    [MemberData(nameof(RandomMt5.Configurations), MemberType = typeof(RandomMt5))]
    public void Fused_and_libtorch_generations_match_float64(string feedForward, bool tied, int dModel, int dKv,
        int heads)
    {
        using var models = new RandomMt5Models(feedForward, tied, dModel, dKv, heads);
        var (model, exact) = (models.Model, models.Exact);
        // One group of eight rows, a ragged group, two groups and a ragged third.
        foreach (var batch in new[] { 1, 3, 8, 16, 21 })
            AssertCloseToFloat64(model, exact, TensorData.Sequences(RandomMt5.Prompts.Take(batch)), steps: 7);
    }

    [Fact]
    public void The_reference_model_takes_the_fused_step_on_the_cpu_in_float32_only()
    {
        var folder = SharedData.Reference("mt5-tiny");
        long[][] prompt = [[5, 17, 1]];
        using (var model = LanguageModels.Load(folder))
        using (var state = (Mt5DecodingState)model.Start(TensorData.Sequences(prompt), 4))
            state.UsesFusedStep.Should().BeTrue();
        using (var model = LanguageModels.Load(folder, new InferenceOptions(Dtype: ComputeDtype.BFloat16)))
        using (var state = (Mt5DecodingState)model.Start(TensorData.Sequences(prompt), 4))
            state.UsesFusedStep.Should().BeFalse("half precision runs through libtorch");
        using (var model = LanguageModels.Load(folder))
        using (var state = (Mt5DecodingState)model.Start(TensorData.Sequences(Enumerable.Repeat(prompt[0],
            Mt5CpuStep.MaxBatch + 1)), 4))
            state.UsesFusedStep.Should().BeFalse("larger batches run through libtorch");
    }

    [Fact]
    public void The_step_gives_the_same_bits_on_either_kind_of_team()
    {
        using var model = (Mt5Model)LanguageModels.Load(SharedData.Reference("mt5-tiny"));
        using var noGrad = torch.inference_mode();
        var prompts = TensorData.Sequences([[5, 17, 33, 1], [40, 41, 42, 43, 44, 1], [9, 1]]);
        using var batch = PaddedBatch.Right(prompts, model.PadTokenId, model.Device);
        using var encoded = model.Encode(batch.Ids, batch.Mask);
        using var memory = model.Remember(encoded, batch.Mask);
        using var selfBias = model.DecoderSelfBias(6);
        using var ownCache = model.NewCache(prompts.Count, 6);
        using var borrowedCache = model.NewCache(prompts.Count, 6);
        using var own = new Mt5CpuStep(model, memory, ownCache, selfBias, prompts.Count, new Cpu.ThreadTeam(2));
        using var borrowed = new Mt5CpuStep(model, memory, borrowedCache, selfBias, prompts.Count,
            Cpu.OpenMpTeam.TryCreate(2)
                ?? throw new InvalidOperationException("libtorch's OpenMP runtime was not found"));
        long[] tokens = [0, 0, 0];
        for (var step = 0; step < 6; step++)
        {
            using var a = own.Step(tokens);
            using var b = borrowed.Step(tokens);
            TensorData.Floats(b).Should().Equal(TensorData.Floats(a), $"step {step}");
            tokens = [.. TensorData.Floats(a).Chunk(model.VocabularySize).Select(row => (long)Array.IndexOf(row,
                row.Max()))];
        }
    }

    [Fact]
    public void Scores_too_many_for_the_stack_give_the_same_logits()
    {
        using var model = LanguageModels.Load(SharedData.Reference("mt5-tiny"));
        var prompts = TensorData.Sequences([[5, 17, 33, 1], [.. Enumerable.Range(20, 40).Select(t => (long)t), 1]]);
        var options = new GenerationOptions(5, StopAtEos: false, KeepStepLogits: true);
        var onStack = new GreedyGenerator(model).Generate(prompts, options);
        var limit = Cpu.SingleQueryAttentionJob.StackScores;
        try
        {
            Cpu.SingleQueryAttentionJob.StackScores = 2;  // every attention over more than two keys rents its scores
            var pooled = new GreedyGenerator(model).Generate(prompts, options);
            for (var i = 0; i < prompts.Count; i++)
                for (var step = 0; step < 5; step++)
                    pooled.StepLogits[i][step].Should().Equal(onStack.StepLogits[i][step], $"sequence {i} step {step}");
        }
        finally { Cpu.SingleQueryAttentionJob.StackScores = limit; }
    }

    [Fact]
    public void Erf_gelu_falls_back_to_libtorch_and_still_generates()
    {
        using var dir = new TempDir();
        RandomMt5.Write(dir.Path, "gelu", tied: false, dModel: 32, dKv: 8, heads: 4, dFf: 48);
        using var model = (Mt5Model)LanguageModels.Load(dir.Path);
        model.Config.Activation.Should().Be(FeedForwardActivation.Gelu);
        using (var state = (Mt5DecodingState)model.Start(TensorData.Sequences([[5, 6, 1]]), 3))
            state.UsesFusedStep.Should().BeFalse();
        new GreedyGenerator(model).Generate(TensorData.Sequences([[5, 6, 1]]),
            new GenerationOptions(3, StopAtEos: false))
            .Tokens[0].Should().HaveCount(3);
    }

    [Fact]
    public void A_step_past_the_cache_capacity_is_refused()
    {
        using var model = LanguageModels.Load(SharedData.Reference("mt5-tiny"));
        using var state = (Mt5DecodingState)model.Start(TensorData.Sequences([[5, 17, 1]]), 2);
        state.UsesFusedStep.Should().BeTrue();
        using var token = torch.tensor(new long[] { 7 });
        state.Append(token);
        var act = () => state.Append(token);
        act.Should().Throw<InvalidOperationException>().WithMessage("*KV cache full*");
    }

    [Fact]
    public void A_token_outside_the_vocabulary_is_refused()
    {
        using var model = LanguageModels.Load(SharedData.Reference("mt5-tiny"));
        using var state = model.Start(TensorData.Sequences([[5, 17, 1]]), 4);
        using var token = torch.tensor(new long[] { model.VocabularySize });
        var act = () => state.Append(token);
        act.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*outside the vocabulary*");
    }

    private static void AssertCloseToFloat64(Mt5Model model, Mt5Model exact, IReadOnlyList<IReadOnlyList<long>> prompts,
        int steps)
    {
        using var noGrad = torch.inference_mode();
        using var fused = (Mt5DecodingState)model.Start(prompts, steps);
        using var plain = (Mt5DecodingState)model.StartThroughLibtorch(prompts, steps);
        using var truth = exact.Start(prompts, steps);
        fused.UsesFusedStep.Should().BeTrue();
        plain.UsesFusedStep.Should().BeFalse();
        for (var step = 0; step < steps; step++)
        {
            var expected = TensorData.Doubles(truth.Logits);
            Tolerance.AssertClose(TensorData.Floats(fused.Logits), expected,
                $"fused, batch {prompts.Count} step {step}", Absolute);
            Tolerance.AssertClose(TensorData.Floats(plain.Logits), expected,
                $"libtorch, batch {prompts.Count} step {step}", Absolute);
            if (step == steps - 1) break;
            // All three take the exact argmax, so that a near-tie cannot fork them.
            using var next = truth.Logits.argmax(-1);
            fused.Append(next);
            plain.Append(next);
            truth.Append(next);
        }
    }
}
