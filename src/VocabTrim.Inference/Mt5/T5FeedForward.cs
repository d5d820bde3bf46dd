using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.torch.nn.functional;

namespace VocabTrim.Inference.Mt5;

/// <summary>
/// T5's feed-forward: wo(act(wi·x)), or for gated configs (mT5, T5 v1.1) wo(act(wi_0·x) ⊙ wi_1·x).
/// </summary>
public sealed class T5FeedForward(
    Tensor wi /* [d_ff, d_model]: wi, or wi_0 when gated */, Tensor? wiGate /* [d_ff, d_model]: wi_1 */,
    Tensor wo /* [d_model, d_ff] */, FeedForwardActivation activation)
{
    public Tensor Forward(Tensor x /* [batch, seq, d_model] */)
    {
        using var scope = NewDisposeScope();
        var hidden = Activate(linear(x, wi));                       // [batch, seq, d_ff]
        if (wiGate is not null) hidden = hidden * linear(x, wiGate);
        return scope.MoveToOuter(linear(hidden, wo));               // [batch, seq, d_model]
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
