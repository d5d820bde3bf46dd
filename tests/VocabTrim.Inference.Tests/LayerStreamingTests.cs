using TorchSharp;
using VocabTrim.Checkpoints;
using VocabTrim.Inference.Generation;
using VocabTrim.Inference.Tests.Support;
using VocabTrim.Inference.Weights;
using VocabTrim.Synthetic;
using VocabTrim.TestSupport;

namespace VocabTrim.Inference.Tests;

/// <summary>
/// Models whose layer weights are read per layer run (validation's streamed path) against resident ones.
/// </summary>
public class LayerStreamingTests
{
    private static IReadOnlyList<IReadOnlyList<long>> Inputs(string model) =>
        [.. System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(SharedData.Reference(model),
            "inputs.json")))!["inputs"]!.AsArray()
            .Select(i => (IReadOnlyList<long>)[.. i!.AsArray().Select(id => (long)id!)])];

    private static readonly GenerationOptions Keep = new(6, StopAtEos: false, KeepStepLogits: true,
        KeepHeadInputs: true);

    /// <summary>The streamed model gives the resident one's tokens, logits and head inputs bit for bit.</summary>
    private static void StreamedGeneratesAsResident(string folder, string name, InferenceOptions options,
        LayerStreaming streaming)
    {
        using var resident = LanguageModels.Load(folder, options);
        using var streamed = LanguageModels.Load(folder, options, streaming: streaming);
        var expected = new GreedyGenerator(resident).Generate(Inputs(name), Keep);
        var actual = new GreedyGenerator(streamed).Generate(Inputs(name), Keep);

        actual.Tokens.Should().BeEquivalentTo(expected.Tokens, o => o.WithStrictOrdering());
        for (var s = 0; s < expected.Tokens.Count; s++)
            for (var k = 0; k < expected.Tokens[s].Length; k++)
            {
                actual.StepLogits[s][k].Should().Equal(expected.StepLogits[s][k]);
                actual.HeadInputs![s][k].Should().Equal(expected.HeadInputs![s][k]);
            }
    }

    [Theory]
    [InlineData("mt5-tiny", ComputeDtype.Float32)]   // the fused encoder and step
    [InlineData("mt5-tiny", ComputeDtype.BFloat16)]  // libtorch ops, weights converted per layer run
    [InlineData("bloom-tiny", ComputeDtype.Float32)]
    [InlineData("bloom-tiny", ComputeDtype.Float16)]
    public void A_streamed_model_generates_exactly_as_the_resident_one(string name, ComputeDtype dtype)
    {
        var folder = SharedData.Reference(name);
        var streaming = new LayerStreaming();
        StreamedGeneratesAsResident(folder, name, new InferenceOptions(Dtype: dtype), streaming);
        // Each pass re-reads every layer: the model keeps one layer's weights per stack, not the model's.
        var layers = streaming.StackLayers.Values.Sum();
        streaming.LayersRead.Should().BeGreaterThan(layers);
        using var checkpoint = Checkpoint.Open(folder);
        var layerTensorBytes = checkpoint.Tensors.Values.Where(t => t.Name.Contains(".block.")
            || t.Name.Contains(".h."))
            .Where(t => !t.Name.Contains("relative_attention_bias")).Sum(t => t.ByteLength);
        streaming.StackBytes.Values.Sum().Should().Be(layerTensorBytes);
    }

    private static string WriteHalf(TempDir dir, string reference, Dtype dtype)
    {
        var folder = dir.File(reference + "-" + dtype);
        Directory.CreateDirectory(folder);
        foreach (var file in new[] { "config.json", "generation_config.json" })
            File.Copy(Path.Combine(SharedData.Reference(reference), file), Path.Combine(folder, file));
        using var source = Checkpoint.Open(SharedData.Reference(reference));
        new HubLayout(CheckpointFormat.Safetensors, dtype, Shards: 2)
            .Write(folder, source.Tensors.Keys.Select(n => new CheckpointTensorSource(source, n)));
        return folder;
    }

    [Theory]
    [InlineData("bloom-tiny", Dtype.BF16)]
    [InlineData("bloom-tiny", Dtype.F16)]
    [InlineData("llama-tiny", Dtype.BF16)]
    [InlineData("qwen2-tiny", Dtype.F16)]
    public void Streamed_half_precision_layers_stay_narrow_and_compute_as_float32(string name, Dtype stored)
    {
        using var dir = new TempDir();
        var folder = WriteHalf(dir, name, stored);
        StreamedGeneratesAsResident(folder, name, InferenceOptions.Default, new LayerStreaming());
        // What streamed is what the files hold: the layer matrices were read into buffers of the stored dtype.
        using var checkpoint = Checkpoint.Open(folder);
        using var loader = new WeightLoader(checkpoint, torch.CPU,
            torch.ScalarType.Float32)
        { Streaming = new LayerStreaming() };
        var matrix = checkpoint.Tensors.Values.First(t => t.Shape.Rank == 2 && t.Name.Contains(".0."));
        var inLayer = loader.InLayer("stack", 0,
            () => loader.LoadMatrix(matrix.Name, matrix.Shape[0], matrix.Shape[1]));
        inLayer.dtype.Should().Be(stored == Dtype.BF16 ? torch.ScalarType.BFloat16 : torch.ScalarType.Float16);
        loader.LoadMatrix(matrix.Name, matrix.Shape[0], matrix.Shape[1]).dtype.Should().Be(torch.ScalarType.Float32);
    }

    [Fact]
    public void A_float32_checkpoint_streams_its_layers_in_float32()
    {
        using var checkpoint = Checkpoint.Open(SharedData.Reference("bloom-tiny"));
        using var loader = new WeightLoader(checkpoint, torch.CPU,
            torch.ScalarType.Float32)
        { Streaming = new LayerStreaming() };
        const string name = "transformer.h.0.mlp.dense_h_to_4h.weight";
        loader.InLayer("h", 0, () => loader.LoadMatrix(name, 256, 64)).dtype.Should().Be(torch.ScalarType.Float32);
    }

    [Theory]
    [InlineData(torch.ScalarType.BFloat16, 1)]      // a row per chunk
    [InlineData(torch.ScalarType.Float16, 64 * 7)]  // 7 rows per chunk, a ragged last chunk
    [InlineData(torch.ScalarType.BFloat16, 1L << 30)]
    public void A_narrow_weight_is_widened_chunk_by_chunk_to_the_same_product(torch.ScalarType narrow,
        long chunkElements)
    {
        torch.manual_seed(7);
        using var weight = torch.randn([300, 64]).to(narrow);
        using var bias = torch.randn([300]);
        foreach (var rows in new long[] { 1, 5, 40 })   // the few-row product and torch's matmul
        {
            using var x = torch.randn([rows, 64]);
            using var wide = weight.to(torch.ScalarType.Float32);
            using var expected = new Linear(wide, bias).Forward(x);
            using var actual = new Linear(weight, bias, chunkElements).Forward(x);
            actual.dtype.Should().Be(torch.ScalarType.Float32);
            actual.allclose(expected, rtol: 1e-5,
                atol: 1e-5).Should().BeTrue($"{rows} rows, {chunkElements} elements per chunk");
        }
    }

    [Theory]
    [InlineData("mt5-tiny", "lm_head.weight")]
    [InlineData("bloom-tiny", "transformer.word_embeddings.weight")]
    public void The_head_input_times_the_head_weight_gives_the_logits(string name, string head)
    {
        var folder = SharedData.Reference(name);
        using var checkpoint = Checkpoint.Open(folder);
        LanguageModels.HeadWeightName(folder, checkpoint).Should().Be(head);
        using var model = LanguageModels.Load(folder);
        var result = new GreedyGenerator(model).Generate(Inputs(name), Keep);
        var info = checkpoint.Info(head);
        using var weight = torch.tensor(System.Runtime.InteropServices.MemoryMarshal.Cast<byte,
            float>(checkpoint.ReadTensor(head)).ToArray(),
            [info.Shape[0], info.Shape[1]]);
        for (var k = 0; k < result.Tokens[1].Length; k++)
        {
            using var h = torch.tensor(result.HeadInputs![1][k], [1, info.Shape[1]]);
            using var logits = h.matmul(weight.t());
            Tolerance.AssertClose(logits.data<float>().ToArray(), result.StepLogits[1][k], $"{name} step {k}",
                absolute: 1e-5, relative: 1e-5);
        }
    }

    [Fact]
    public void A_cancelled_streamed_run_stops_before_the_next_layer()
    {
        using var cancel = new CancellationTokenSource();
        var started = new List<(string, int)>();
        var streaming = new LayerStreaming
        {
            Cancellation = cancel.Token,
            LayerStarting = (stack, index) =>
            {
                started.Add((stack, index));
                if (stack == "decoder") cancel.Cancel();
            },
        };
        using var model = LanguageModels.Load(SharedData.Reference("mt5-tiny"), streaming: streaming);

        var act = () => new GreedyGenerator(model).Generate(Inputs("mt5-tiny"), Keep);

        act.Should().Throw<OperationCanceledException>();
        started.Should().Equal(("encoder", 0), ("encoder", 1), ("decoder", 0));
    }
}
