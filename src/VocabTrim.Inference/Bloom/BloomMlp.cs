using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.torch.nn.functional;

namespace VocabTrim.Inference.Bloom;

/// <summary>BLOOM's feed-forward: 4× expansion, gelu (tanh approximation), projection, plus the residual.</summary>
public sealed class BloomMlp(
    Tensor up /* [4 * hidden, hidden] */, Tensor upBias /* [4 * hidden] */,
    Tensor down /* [hidden, 4 * hidden] */, Tensor downBias /* [hidden] */)
{
    public Tensor Forward(Tensor x /* [batch, seq, hidden] */, Tensor residual /* [batch, seq, hidden] */)
    {
        using var scope = NewDisposeScope();
        var h = gelu(linear(x, up, upBias), TorchSharp.Modules.GELU.Approximate.tanh);                        // [batch, seq, 4 * hidden]
        return scope.MoveToOuter(linear(h, down, downBias) + residual);               // [batch, seq, hidden]
    }
}
