using TorchSharp;
using static TorchSharp.torch;

namespace VocabTrim.Inference.Bloom;

/// <summary>BLOOM's feed-forward: 4× expansion, gelu (tanh approximation), projection, plus the residual.</summary>
public sealed class BloomMlp(
    Linear up /* hidden → 4 * hidden */, Linear down /* 4 * hidden → hidden */)
{
    public Tensor Forward(Tensor x /* [batch, seq, hidden] */, Tensor residual /* [batch, seq, hidden] */)
    {
        using var scope = NewDisposeScope();
        var h = BloomGelu(up.Forward(x));                                      // [batch, seq, 4 * hidden]
        return scope.MoveToOuter(down.Forward(h) + residual);               // [batch, seq, hidden]
    }

    // transformers' bloom_gelu_forward, op for op: the same tanh approximation as torch's fused kernel, but
    // rounded step by step, which keeps float32 results closest to the reference implementation's.
    private static Tensor BloomGelu(Tensor x) =>
        x * 0.5 * (1.0 + (0.79788456 * x * (1 + 0.044715 * x * x)).tanh());
}
