using TorchSharp;
using VocabTrim.Checkpoints;
using VocabTrim.Inference.Generation;
using VocabTrim.Inference.Tests.Support;
using VocabTrim.Inference.Weights;
using VocabTrim.TestSupport;

namespace VocabTrim.Inference.Tests;

public class WeightLoaderTests
{
    [Fact]
    public void Reading_in_row_chunks_gives_the_whole_tensor()
    {
        using var checkpoint = Checkpoint.Open(SharedData.Reference("mt5-tiny"));
        using var whole = new WeightLoader(checkpoint, torch.CPU, torch.ScalarType.Float32);
        // 3 rows of 256 bytes
        using var chunked = new WeightLoader(checkpoint, torch.CPU, torch.ScalarType.Float32) { ChunkBytes = 1000 };
        var a = whole.Load("shared.weight", 1024, 64);
        var b = chunked.Load("shared.weight", 1024, 64);
        a.allclose(b, rtol: 0, atol: 0).Should().BeTrue();
        TensorData.Floats(a.narrow(0, 1023, 1)).Should().Equal(
            System.Runtime.InteropServices.MemoryMarshal.Cast<byte,
                float>(checkpoint.ReadRows("shared.weight", 1023, 1)).ToArray());
    }

    [Fact]
    public void Transposed_loads_in_chunks_equal_the_transposed_tensor()
    {
        using var checkpoint = Checkpoint.Open(SharedData.Reference("bloom-tiny"));
        using var whole = new WeightLoader(checkpoint, torch.CPU, torch.ScalarType.Float32);
        using var chunked = new WeightLoader(checkpoint, torch.CPU, torch.ScalarType.Float32) { ChunkBytes = 1000 };
        const string name = "transformer.h.0.self_attention.query_key_value.weight";
        var expected = whole.Load(name, 192, 64).t();
        var actual = chunked.LoadTransposed(name, 192, 64);
        actual.shape.Should().Equal(64, 192);
        actual.is_contiguous().Should().BeTrue();
        actual.allclose(expected, rtol: 0, atol: 0).Should().BeTrue();
        chunked.Loaded.Should().ContainSingle();
    }

    [Fact]
    public void Shapes_that_disagree_with_the_config_are_rejected_by_name()
    {
        using var checkpoint = Checkpoint.Open(SharedData.Reference("mt5-tiny"));
        using var loader = new WeightLoader(checkpoint, torch.CPU, torch.ScalarType.Float32);
        FluentActions.Invoking(() => loader.Load("shared.weight", 1000, 64))
            .Should().Throw<ModelFolderException>().WithMessage("*shared.weight*[1024, 64]*[1000, 64]*");
    }

    [Theory]
    [InlineData(Dtype.F16)]
    [InlineData(Dtype.BF16)]
    public void Half_precision_checkpoints_load_as_torch_converts_them(Dtype dtype)
    {
        var source = SharedData.Reference("mt5-tiny");
        using var dir = new TempDir();
        var halfType = dtype == Dtype.F16 ? torch.ScalarType.Float16 : torch.ScalarType.BFloat16;
        File.Copy(Path.Combine(source, "config.json"), dir.File("config.json"));
        using (var f32 = Checkpoint.Open(source))
        {
            var tensors = f32.Tensors.Values.Select(info => (ITensorSource)new BytesTensorSource(
                info with { Dtype = dtype }, ToHalf(f32.ReadTensor(info.Name), dtype))).ToList();
            Checkpoints.Safetensors.SafetensorsWriter.Write(dir.File("model.safetensors"), tensors);
        }
        using var original = Checkpoint.Open(source);
        using var half = Checkpoint.Open(dir.Path);
        using var loadF32 = new WeightLoader(original, torch.CPU, torch.ScalarType.Float32);
        using var loadHalf = new WeightLoader(half, torch.CPU, torch.ScalarType.Float32);
        var expected = loadF32.Load("lm_head.weight", 1024, 64).to(halfType).to(torch.ScalarType.Float32);
        var actual = loadHalf.Load("lm_head.weight", 1024, 64);
        actual.dtype.Should().Be(torch.ScalarType.Float32);
        actual.allclose(expected, rtol: 0, atol: 0).Should().BeTrue();

        // And the half-precision copy still generates like the original: same first token for every input.
        var run = ReferenceRun.Load("mt5-tiny");
        using var model = LanguageModels.Load(dir.Path);
        foreach (var c in run.Cases)
            new GreedyGenerator(model).Generate([c.InputIds],
                new GenerationOptions(1)).Tokens[0][0].Should().Be(c.Generated[0]);
    }

    [Theory]
    [InlineData(ComputeDtype.BFloat16)]
    [InlineData(ComputeDtype.Float16)]
    public void Half_precision_compute_stays_close_to_float32(ComputeDtype dtype)
    {
        var run = ReferenceRun.Load("mt5-tiny");
        using var model = LanguageModels.Load(run.Folder, new InferenceOptions(Dtype: dtype));
        model.Dtype.Should().Be(dtype.ToScalarType());
        var result = new GreedyGenerator(model).Generate([run.Cases[1].InputIds],
            new GenerationOptions(1, KeepStepLogits: true));
        var logits = result.StepLogits[0][0];
        logits.Should().OnlyContain(v => float.IsFinite(v));
        // Half precision keeps 8 (bf16) or 11 (fp16) mantissa bits: logits of ~30 move by tenths, not more.
        Tolerance.AssertClose(logits, run.Cases[1].StepLogits[0], $"{dtype} step 0", absolute: 1.0, relative: 0.02);
    }

    private static byte[] ToHalf(byte[] f32, Dtype dtype)
    {
        var values = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(f32);
        var result = new byte[values.Length * 2];
        for (var i = 0; i < values.Length; i++)
        {
            ushort bits;
            if (dtype == Dtype.F16) bits = BitConverter.HalfToUInt16Bits((Half)values[i]);
            else
            {
                // float32 → bfloat16, round to nearest even (as torch does for finite values).
                var u = BitConverter.SingleToUInt32Bits(values[i]);
                bits = (ushort)((u + 0x7FFF + ((u >> 16) & 1)) >> 16);
            }
            BitConverter.TryWriteBytes(result.AsSpan(i * 2), bits);
        }
        return result;
    }
}
