using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.torch.nn.functional;

namespace VocabTrim.Inference.Mt5;

/// <summary>
/// T5's feed-forward: wo(act(wi·x)), or for gated configs (mT5, T5 v1.1) wo(act(wi_0·x) ⊙ wi_1·x).
/// </summary>
public sealed class T5FeedForward(
    Linear wi /* d_model → d_ff: wi, or wi_0 when gated */, Linear? wiGate /* d_model → d_ff: wi_1 */,
    Linear wo /* d_ff → d_model */, FeedForwardActivation activation)
{
    public Tensor Forward(Tensor x /* [batch, seq, d_model] */)
    {
        using var scope = NewDisposeScope();
        var hidden = Activate(wi.Forward(x));                       // [batch, seq, d_ff]
        if (wiGate is not null) hidden = hidden * wiGate.Forward(x);
        return scope.MoveToOuter(wo.Forward(hidden));               // [batch, seq, d_model]
    }

    private Tensor Activate(Tensor x) => activation switch
    {
        FeedForwardActivation.Relu => relu(x),
        FeedForwardActivation.Gelu => gelu(x),
        FeedForwardActivation.GeluTanh => gelu(x, TorchSharp.Modules.GELU.Approximate.tanh),
        FeedForwardActivation.Silu => silu(x),
        _ => throw new InvalidOperationException(activation.ToString()),
    };
}
