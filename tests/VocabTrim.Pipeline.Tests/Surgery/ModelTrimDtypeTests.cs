using System.Text.Json.Nodes;
using VocabTrim.Checkpoints;
using VocabTrim.Checkpoints.Safetensors;
using VocabTrim.Inference;
using VocabTrim.Inference.Generation;
using VocabTrim.Pipeline.Tests.Support;
using VocabTrim.Selection;
using VocabTrim.Surgery;
using VocabTrim.TestSupport;

namespace VocabTrim.Pipeline.Tests.Surgery;

/// <summary>
/// <c>trim --dtype</c>: floating-point weights written in another precision, everything else as it was.
/// </summary>
public class ModelTrimDtypeTests
{
    private static string Mt5Tiny => SharedData.Reference("mt5-tiny");

    private static IReadOnlyList<int> Kept => KeepListFile.Read(ModelFolder.KeptList("mt5-tiny")).Ids;

    /// <summary>
    /// The expected bytes of <paramref name="name"/>: the original's (rows gathered for vocabulary matrices) converted.
    /// </summary>
    private static byte[] Expected(ICheckpoint original, string name, Dtype to)
    {
        var info = original.Info(name);
        var bytes = name is "shared.weight" or "lm_head.weight"
            ? original.GatherRows(name, [.. Kept.Select(i => (long)i)])
            : original.ReadTensor(name);
        if (!FloatConversion.IsFloatingPoint(info.Dtype)) return bytes;
        var converted = new byte[bytes.Length / info.Dtype.ElementSize * to.ElementSize];
        FloatConversion.Convert(bytes, info.Dtype, converted, to);
        return converted;
    }

    [Theory]
    [InlineData(WeightDtype.BFloat16, Dtype.BF16)]
    [InlineData(WeightDtype.Float16, Dtype.F16)]
    public void Floating_point_tensors_are_converted_and_integer_ones_copied(WeightDtype dtype, Dtype expected)
    {
        using var dir = new TempDir();
        // The reference weights plus an integer buffer and one tensor already stored in F16.
        var folder = ModelFolder.Linked(dir, "mt5-tiny", null, "mixed");
        using (var reference = Checkpoint.Open(Path.Combine(Mt5Tiny, ModelFolder.Safetensors)))
        {
            var sources = reference.Tensors.Values.Select(info => info.Name == "decoder.final_layer_norm.weight"
                ? new ConvertedTensorSource(new CheckpointTensorSource(reference, info.Name), Dtype.F16)
                : (ITensorSource)new CheckpointTensorSource(reference, info.Name)).ToList();
            sources.Add(new BytesTensorSource(new TensorInfo("extra.positions", Dtype.I64, new TensorShape(3)),
                new byte[] { 1, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x80 }));
            SafetensorsWriter.Write(Path.Combine(folder, ModelFolder.Safetensors), sources);
        }
        var keep = ModelTrimmer.Trim(folder, ModelFolder.KeptList("mt5-tiny"), dir.File("keep"));

        var report = ModelTrimmer.Trim(
            folder, ModelFolder.KeptList("mt5-tiny"), dir.File("out"), new ModelTrimOptions { Dtype = dtype });

        using var original = Checkpoint.Open(folder);
        using var trimmed = Checkpoint.Open(dir.File("out"));
        trimmed.Tensors.Keys.Should().BeEquivalentTo(original.Tensors.Keys);
        foreach (var (name, info) in trimmed.Tensors)
        {
            info.Dtype.Should().Be(name == "extra.positions" ? Dtype.I64 : expected, name);
            trimmed.ReadTensor(name).Should().Equal(Expected(original, name, info.Dtype), name);
        }
        var floats = original.Tensors.Values.Count(t => FloatConversion.IsFloatingPoint(t.Dtype));
        var alreadyThere = original.Tensors.Values.Count(t => t.Dtype == expected);
        report.ConvertedTensors.Should().Be(floats - alreadyThere);
        report.Dtype.Should().Be(dtype);
        report.ParametersAfter.Should().Be(keep.ParametersAfter);
        report.BytesAfter.Should().Be(new FileInfo(dir.File("out/model.safetensors")).Length);
        // Every float became 2 bytes: the data shrank by 2 bytes per F32 parameter (headers differ a little).
        var f32Parameters = trimmed.Tensors.Values.Where(t => original.Info(t.Name).Dtype == Dtype.F32)
            .Sum(t => t.ElementCount);
        (keep.BytesAfter - report.BytesAfter).Should().BeCloseTo(2 * f32Parameters, 200);

        var config = JsonNode.Parse(File.ReadAllText(dir.File("out/config.json")))!;
        config["torch_dtype"]!.GetValue<string>().Should().Be(dtype.Name);
        report.Notes.Should().Contain(
            $"config.json: torch_dtype float32 → {dtype.Name}; floating-point weights written in {dtype.Name}");
        var manifest = JsonNode.Parse(File.ReadAllText(dir.File("out/vocabtrim.json")))!;
        manifest["dtype"]!["requested"]!.GetValue<string>().Should().Be(dtype.Name);
        manifest["dtype"]!["converted_tensors"]!.GetValue<int>().Should().Be(report.ConvertedTensors);
        manifest["weight_bytes"]!["after"]!.GetValue<long>().Should().Be(report.BytesAfter);
    }

    [Fact]
    public void Keep_leaves_dtypes_and_torch_dtype_alone()
    {
        using var dir = new TempDir();

        var report = ModelTrimmer.Trim(
            Mt5Tiny, ModelFolder.KeptList("mt5-tiny"), dir.File("out"),
            new ModelTrimOptions { Dtype = WeightDtype.Keep });

        report.ConvertedTensors.Should().Be(0);
        using var trimmed = Checkpoint.Open(dir.File("out"));
        trimmed.Tensors.Values.Should().OnlyContain(t => t.Dtype == Dtype.F32);
        JsonNode.Parse(File.ReadAllText(dir.File("out/config.json")))!["torch_dtype"]!.GetValue<string>()
            .Should().Be("float32");
    }

    [Fact]
    public void The_pickle_route_converts_to_the_same_bytes_as_the_safetensors_route()
    {
        using var dir = new TempDir();
        var options = new ModelTrimOptions { Dtype = WeightDtype.BFloat16 };

        ModelTrimmer.Trim(
            ModelFolder.Linked(dir, "mt5-tiny", ModelFolder.Pickle), ModelFolder.KeptList("mt5-tiny"),
            dir.File("from-pickle"), options);
        ModelTrimmer.Trim(
            ModelFolder.Linked(dir, "mt5-tiny", ModelFolder.Safetensors), ModelFolder.KeptList("mt5-tiny"),
            dir.File("from-safetensors"), options);

        File.ReadAllBytes(dir.File("from-pickle/model.safetensors")).Should().Equal(
            File.ReadAllBytes(dir.File("from-safetensors/model.safetensors")));
    }

    [Fact]
    public void A_bfloat16_trim_loads_in_the_inference_core_and_generates()
    {
        using var dir = new TempDir();
        ModelTrimmer.Trim(
            Mt5Tiny, ModelFolder.KeptList("mt5-tiny"), dir.File("out"),
            new ModelTrimOptions { Dtype = WeightDtype.BFloat16 });
        var newId = Kept.Select((old, i) => (old, i)).ToDictionary(p => p.old, p => (long)p.i);
        var inputs = JsonNode.Parse(File.ReadAllText(Path.Combine(Mt5Tiny, "inputs.json")))!["inputs"]!.AsArray()
            .Select(seq => (IReadOnlyList<long>)[.. seq!.AsArray().Select(id => newId[id!.GetValue<int>()])]).ToList();

        using var model = LanguageModels.Load(dir.File("out"), new InferenceOptions(Dtype: ComputeDtype.BFloat16));
        var result = new GreedyGenerator(model).Generate(
            inputs, new GenerationOptions(4, StopAtEos: false, KeepStepLogits: true));

        model.VocabularySize.Should().Be(Kept.Count);
        result.Tokens.Should().HaveCount(4).And.OnlyContain(
            t => t.Length == 4 && t.All(id => id >= 0 && id < Kept.Count));
        result.StepLogits.SelectMany(s => s).Should().OnlyContain(l => l.Length == Kept.Count && l.All(float.IsFinite));
    }

    [Fact]
    public void The_original_loaded_in_bfloat16_gives_the_bfloat16_trim_s_logits_and_in_float32_it_does_not()
    {
        // Why validation runs the original in the slim model's dtype: only then is trimming the sole difference.
        using var dir = new TempDir();
        ModelTrimmer.Trim(
            Mt5Tiny, ModelFolder.KeptList("mt5-tiny"), dir.File("out"),
            new ModelTrimOptions { Dtype = WeightDtype.BFloat16 });
        var kept = Kept;
        var newId = kept.Select((old, i) => (old, i)).ToDictionary(p => p.old, p => (long)p.i);
        var original = JsonNode.Parse(File.ReadAllText(Path.Combine(Mt5Tiny, "inputs.json")))!["inputs"]!.AsArray()
            .Select(seq => seq!.AsArray().Select(id => (long)id!.GetValue<int>()).ToArray())
            .Where(ids => ids.All(id => newId.ContainsKey((int)id))).ToList();
        original.Should().NotBeEmpty();
        var options = new GenerationOptions(1, StopAtEos: false, KeepStepLogits: true);

        float[] FirstLogits(string folder, ComputeDtype dtype, IReadOnlyList<long> ids)
        {
            using var model = LanguageModels.Load(folder, new InferenceOptions(Dtype: dtype));
            return new GreedyGenerator(model).Generate([ids], options).StepLogits[0][0];
        }

        foreach (var ids in original)
        {
            var slim = FirstLogits(dir.File("out"), ComputeDtype.BFloat16, [.. ids.Select(id => newId[(int)id])]);
            var asBf16 = FirstLogits(Mt5Tiny, ComputeDtype.BFloat16, ids);
            var asF32 = FirstLogits(Mt5Tiny, ComputeDtype.Float32, ids);
            slim.Should().Equal(kept.Select(id => asBf16[id]), "the same rounded weights in the same dtype");
            kept.Select((id, i) => Math.Abs(slim[i] - asF32[id])).Max().Should().BeGreaterThan(
                1e-3f, "bfloat16 rounding is far beyond the float32 tolerance");
        }
    }
}
