using TorchSharp;
using VocabTrim.Inference.Bloom;
using VocabTrim.Inference.Generation;
using VocabTrim.Inference.Llama;
using VocabTrim.Inference.Mt5;
using VocabTrim.Inference.Tests.Support;

namespace VocabTrim.Inference.Tests;

/// <summary>
/// Per-layer hidden states against <c>&lt;name&gt;.hidden.json</c> (embeddings, each block, final norm).
/// </summary>
public class HiddenStateTests
{
    [Fact]
    public void Mt5_encoder_and_decoder_hidden_states_match_the_reference()
    {
        var folder = Support.ReferenceRun.Load("mt5-tiny").Folder;
        using var model = (Mt5Model)LanguageModels.Load(folder);
        foreach (var (c, index) in ReferenceHiddenCase.Load("mt5-tiny").Select((c, i) => (c, i)))
        {
            using var scope = torch.NewDisposeScope();
            using var batch = PaddedBatch.Right([c.InputIds], model.PadTokenId, model.Device);
            var encoderStates = new List<torch.Tensor>();
            var encoded = model.Encode(batch.Ids, batch.Mask, encoderStates);
            AssertLayers(encoderStates, c.States["encoder_hidden_states"], $"case {index} encoder");

            using var memory = model.Remember(encoded, batch.Mask);
            using var cache = model.NewCache(1, c.DecoderInputIds!.Length);
            var decoderStates = new List<torch.Tensor>();
            model.Decode(torch.tensor(c.DecoderInputIds, [1, c.DecoderInputIds.Length]), memory, cache, decoderStates);
            AssertLayers(decoderStates, c.States["decoder_hidden_states"], $"case {index} decoder");
        }
    }

    [Fact]
    public void Bloom_hidden_states_match_the_reference()
    {
        var run = Support.ReferenceRun.Load("bloom-tiny");
        using var model = (BloomModel)LanguageModels.Load(run.Folder);
        foreach (var (c, index) in ReferenceHiddenCase.Load("bloom-tiny").Select((c, i) => (c, i)))
        {
            using var scope = torch.NewDisposeScope();
            var n = c.InputIds.Length;
            using var cache = model.NewCache(1, n);
            var states = new List<torch.Tensor>();
            model.Forward(torch.tensor(c.InputIds, [1, n]), torch.ones([1, n], torch.ScalarType.Int64), cache, states);
            // The gain-4 weights make block outputs sums of terms up to ~1e2 that cancel: float32 error follows the
            // size of those terms, not of the result, so the absolute tolerance scales with the layer's largest value.
            AssertLayers(states, c.States["hidden_states"], $"case {index}", scaleWithLayer: true);
        }
    }

    [Theory]
    [InlineData("llama-tiny")]
    [InlineData("qwen2-tiny")]
    public void Llama_family_hidden_states_match_the_reference(string name)
    {
        var run = Support.ReferenceRun.Load(name);
        using var model = (LlamaModel)LanguageModels.Load(run.Folder);
        var cases = ReferenceHiddenCase.Load(name);
        cases.Should().NotBeEmpty();
        foreach (var (c, index) in cases.Select((c, i) => (c, i)))
        {
            using var scope = torch.NewDisposeScope();
            var n = c.InputIds.Length;
            using var cache = model.NewCache(1, n);
            var states = new List<torch.Tensor>();
            model.Forward(torch.tensor(c.InputIds, [1, n]), torch.ones([1, n], torch.ScalarType.Int64), cache, states);
            c.States["hidden_states"].Should().HaveCount(model.Config.Layers + 1);
            AssertLayers(states, c.States["hidden_states"], $"{name} case {index}");
        }
    }

    private static void AssertLayers(List<torch.Tensor> actual, double[][][] expected, string what,
        bool scaleWithLayer = false)
    {
        actual.Should().HaveCount(expected.Length,
            $"{what}: embeddings, one per block but the last, and the final norm");
        for (var layer = 0; layer < expected.Length; layer++)
        {
            var values = TensorData.Flatten(expected[layer]);
            var absolute = Tolerance.Absolute + (scaleWithLayer ? Tolerance.Relative * values.Max(Math.Abs) : 0);
            Tolerance.AssertClose(TensorData.Floats(actual[layer]), values, $"{what} hidden state {layer}", absolute);
        }
    }
}
