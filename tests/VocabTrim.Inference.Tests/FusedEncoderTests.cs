using TorchSharp;
using VocabTrim.Inference.Generation;
using VocabTrim.Inference.Mt5;
using VocabTrim.Inference.Tests.Support;
using VocabTrim.TestSupport;

namespace VocabTrim.Inference.Tests;

/// <summary>
/// The feature-major float32 CPU encoder (<see cref="Mt5CpuEncoder"/>) and the libtorch ops it replaces, both
/// against the same encoder evaluated in float64, for every configuration it takes
/// (<see cref="RandomMt5.Configurations"/>) and for padded batches, where padding must stay out of every real
/// token's attention. Encoder outputs are normed (about ±5); both float32 paths stay within
/// <see cref="Absolute"/> of float64, and dropping the attention bias fails every comparison here.
/// </summary>
public class FusedEncoderTests
{
    private const double Absolute = 5e-5;

    [Theory]
    [MemberData(nameof(RandomMt5.Configurations), MemberType = typeof(RandomMt5))]
    public void Fused_and_libtorch_encoders_match_float64(string feedForward, bool tied, int dModel, int dKv, int heads)
    {
        using var models = new RandomMt5Models(feedForward, tied, dModel, dKv, heads);
        var (model, exact) = (models.Model, models.Exact);
        // One sequence; three with padding up to 91 tokens; twenty-one of lengths 2 to 91.
        foreach (var batch in new[] { 1, 3, 21 })
            AssertEncodersCloseToFloat64(model, exact, TensorData.Sequences(RandomMt5.Prompts.Take(batch)),
                expectFused: true);
    }

    [Fact]
    public void Inputs_longer_than_the_fused_encoder_takes_run_through_libtorch()
    {
        using var models = new RandomMt5Models("gated-gelu", tied: false, dModel: 32, dKv: 8, heads: 4, dFf: 48);
        var (model, exact) = (models.Model, models.Exact);
        long[] longest = [.. Enumerable.Range(0, Mt5CpuEncoder.MaxLength).Select(i => (long)(2 + i % 120)), 1];
        Mt5CpuEncoder.Applies(model, Mt5CpuEncoder.MaxLength).Should().BeTrue();
        Mt5CpuEncoder.Applies(model, longest.Length).Should().BeFalse();
        AssertEncodersCloseToFloat64(model, exact, TensorData.Sequences([longest[..Mt5CpuEncoder.MaxLength], [5, 1]]),
            expectFused: true);
        AssertEncodersCloseToFloat64(model, exact, TensorData.Sequences([longest, [5, 1]]), expectFused: false);
    }

    [Fact]
    public void Only_float32_cpu_models_with_a_fused_activation_take_the_fused_encoder()
    {
        var folder = SharedData.Reference("mt5-tiny");
        using (var model = (Mt5Model)LanguageModels.Load(folder))
            Mt5CpuEncoder.Applies(model, 3).Should().BeTrue();
        using (var model = (Mt5Model)LanguageModels.Load(folder, new InferenceOptions(Dtype: ComputeDtype.BFloat16)))
            Mt5CpuEncoder.Applies(model, 3).Should().BeFalse("half precision runs through libtorch");
        using var dir = new TempDir();
        RandomMt5.Write(dir.Path, "gelu", tied: false, dModel: 32, dKv: 8, heads: 4, dFf: 48);
        using (var model = (Mt5Model)LanguageModels.Load(dir.Path))
            Mt5CpuEncoder.Applies(model, 3).Should().BeFalse("erf-gelu has no fused kernel");
    }

    [Fact]
    public void Each_sequence_encodes_the_same_alone_and_beside_longer_padded_ones()
    {
        using var model = (Mt5Model)LanguageModels.Load(SharedData.Reference("mt5-tiny"));
        using var noGrad = torch.inference_mode();
        var prompts = TensorData.Sequences([[5, 17, 33, 1], [40, 41, 42, 43, 44, 45, 46, 47, 48, 1], [9, 1]]);
        using var batch = PaddedBatch.Right(prompts, model.PadTokenId, model.Device);
        using var together = model.Encode(batch.Ids, batch.Mask);
        for (var i = 0; i < prompts.Count; i++)
        {
            using var single = PaddedBatch.Right([prompts[i]], model.PadTokenId, model.Device);
            using var alone = model.Encode(single.Ids, single.Mask);
            using var row = together[i].narrow(0, 0, prompts[i].Count);
            Tolerance.AssertClose(TensorData.Floats(row), TensorData.Floats(alone[0]), $"sequence {i}", 1e-5);
        }
    }

    private static void AssertEncodersCloseToFloat64(Mt5Model model, Mt5Model exact,
        IReadOnlyList<IReadOnlyList<long>> prompts, bool expectFused)
    {
        using var noGrad = torch.inference_mode();
        using var batch = PaddedBatch.Right(prompts, model.PadTokenId, model.Device);
        Mt5CpuEncoder.Applies(model, batch.Ids.shape[1]).Should().Be(expectFused);
        using var fused = model.Encode(batch.Ids, batch.Mask, null, fused: true);
        using var plain = model.Encode(batch.Ids, batch.Mask, null, fused: false);
        using var truth = exact.Encode(batch.Ids, batch.Mask);
        var expected = TensorData.Doubles(truth);
        Tolerance.AssertClose(TensorData.Floats(fused), expected, $"fused, batch {prompts.Count}", Absolute,
            relative: 0);
        Tolerance.AssertClose(TensorData.Floats(plain), expected, $"libtorch, batch {prompts.Count}", Absolute,
            relative: 0);
    }
}
