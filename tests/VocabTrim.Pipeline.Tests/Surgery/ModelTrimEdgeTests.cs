using VocabTrim.Checkpoints;
using VocabTrim.Checkpoints.Safetensors;
using VocabTrim.Pipeline.Tests.Support;
using VocabTrim.Selection;
using VocabTrim.Surgery;
using VocabTrim.Surgery.Tokenizers;
using VocabTrim.TestSupport;

namespace VocabTrim.Pipeline.Tests.Surgery;

/// <summary>Half-precision checkpoints, duplicated tied heads, and failures after writing has begun.</summary>
public class ModelTrimEdgeTests
{
    private static string WithConvertedWeights(
        TempDir dir, string reference, Func<TensorInfo, byte[], (TensorInfo, byte[])> convert, string name)
    {
        var folder = ModelFolder.Linked(dir, reference, null, name);
        using var original = Checkpoint.Open(Path.Combine(SharedData.Reference(reference), ModelFolder.Safetensors));
        SafetensorsWriter.Write(Path.Combine(folder, ModelFolder.Safetensors), original.Tensors.Values.Select(info =>
        {
            var (converted, bytes) = convert(info, original.ReadTensor(info.Name));
            return (ITensorSource)new BytesTensorSource(converted, bytes);
        }).ToList());
        return folder;
    }

    // F32 → F16 by value, F32 → BF16 by keeping the upper half of each float: either way 2-byte rows.
    private static (TensorInfo, byte[]) ToHalf(TensorInfo info, byte[] bytes, Dtype dtype)
    {
        var half = new byte[bytes.Length / 2];
        for (var i = 0; i < bytes.Length / 4; i++)
        {
            var value = BitConverter.ToSingle(bytes, i * 4);
            if (dtype == Dtype.F16) BitConverter.TryWriteBytes(half.AsSpan(i * 2), (Half)value);
            else BitConverter.TryWriteBytes(half.AsSpan(i * 2), (ushort)(BitConverter.SingleToUInt32Bits(value) >> 16));
        }
        return (info with { Dtype = dtype }, half);
    }

    [Theory]
    [InlineData(Dtype.F16)]
    [InlineData(Dtype.BF16)]
    public void Half_precision_rows_are_sliced_bit_identically(Dtype dtype)
    {
        using var dir = new TempDir();
        var folder = WithConvertedWeights(
            dir, "mt5-tiny", (info, bytes) => ToHalf(info, bytes, dtype), dtype.ToString());
        var kept = KeepListFile.Read(ModelFolder.KeptList("mt5-tiny")).Ids;

        ModelTrimmer.Trim(folder, ModelFolder.KeptList("mt5-tiny"), dir.File("out"));

        using var original = Checkpoint.Open(folder);
        using var trimmed = Checkpoint.Open(dir.File("out"));
        foreach (var name in new[] { "shared.weight", "lm_head.weight" })
        {
            trimmed.Tensors[name].Should().Be(new TensorInfo(name, dtype, new TensorShape(kept.Count, 64)));
            trimmed.ReadTensor(name).Should().Equal(original.GatherRows(name, kept.Select(i => (long)i).ToArray()));
        }
        trimmed.ReadTensor("encoder.final_layer_norm.weight").Should().Equal(
            original.ReadTensor("encoder.final_layer_norm.weight"));
    }

    [Fact]
    public void A_separately_stored_tied_bloom_head_is_dropped_as_transformers_would()
    {
        using var dir = new TempDir();
        var folder = ModelFolder.Linked(dir, "bloom-tiny", null);
        using (var original = Checkpoint.Open(
            Path.Combine(SharedData.Reference("bloom-tiny"), ModelFolder.Safetensors)))
            SafetensorsWriter.Write(Path.Combine(folder, ModelFolder.Safetensors),
            [
                .. original.Tensors.Keys.Select(n => new CheckpointTensorSource(original, n)),
                new CheckpointTensorSource(original, "transformer.word_embeddings.weight", "lm_head.weight"),
            ]);

        var report = ModelTrimmer.Trim(folder, ModelFolder.KeptList("bloom-tiny"), dir.File("out"));

        report.Tensors.Single(t => t.Name == "lm_head.weight").Should().Match<PlannedTensor>(t =>
            t.Action == TensorAction.Drop && t.Reason!.Contains("tie_word_embeddings"));
        using var trimmed = Checkpoint.Open(dir.File("out"));
        trimmed.Tensors.Keys.Should().NotContain("lm_head.weight");
    }

    [Fact]
    public void A_failure_after_the_weights_are_written_leaves_no_output_folder()
    {
        using var dir = new TempDir();
        var options = new ModelTrimOptions { TokenizerTrimmers = [new UnwritableTokenizer()] };

        var act = () =>
            ModelTrimmer.Trim(
                ModelFolder.Linked(dir, "mt5-tiny", ModelFolder.Safetensors), ModelFolder.KeptList("mt5-tiny"),
                dir.File("out"), options);

        act.Should().Throw<DirectoryNotFoundException>();
        Directory.Exists(dir.File("out")).Should().BeFalse();
        Directory.GetDirectories(dir.Path).Select(Path.GetFileName).Should().Equal("mt5-tiny-model.safetensors");
    }

    // Names a file in a folder that does not exist, so that writing it fails after model.safetensors is staged.
    private sealed class UnwritableTokenizer : ITokenizerFileTrimmer
    {
        public string FileName => "spiece.model";

        public TrimmedTokenizerFiles Trim(
            string modelFolder, KeepList keep, VocabTrim.Tokenizers.LoadedTokenizer? loaded = null) =>
            new(
                new Dictionary<string, byte[]> { ["no-such-folder/spiece.model"] = [1] }, [],
                new Dictionary<string, string>(), 1000, [], []);
    }
}
