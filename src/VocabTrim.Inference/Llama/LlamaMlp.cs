using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.torch.nn.functional;

namespace VocabTrim.Inference.Llama;

/// <summary>SwiGLU feed-forward: down(silu(gate(x)) ⊙ up(x)).</summary>
public sealed class LlamaMlp(
    Linear gate /* hidden → intermediate */, Linear up /* hidden → intermediate */,
        Linear down /* intermediate → hidden */)
{
    public Tensor Forward(Tensor x /* [batch, new, hidden] */)
    {
        using var scope = NewDisposeScope();
        var h = silu(gate.Forward(x)).mul_(up.Forward(x));                 // [batch, new, intermediate]
        return scope.MoveToOuter(down.Forward(h));                          // [batch, new, hidden]
    }
}
