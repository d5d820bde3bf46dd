using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.torch.nn.functional;

namespace VocabTrim.Inference.Mt5;

/// <summary>
/// T5's feed-forward: wo(act(wi·x)), or for gated configs (mT5, T5 v1.1) wo(act(wi_0·x) ⊙ wi_1·x), where
/// wi_0 and wi_1 sit side by side in one matrix so both come from one product.
/// </summary>
public sealed class T5FeedForward(
    Linear wi /* d_model → d_ff (wi), or d_model → 2 · d_ff (wi_0 | wi_1) when gated */, bool gated,
    Linear wo /* d_ff → d_model */, FeedForwardActivation activation)
{
    /// <summary>[d_ff, d_model], or [2 · d_ff, d_model] (wi_0 | wi_1) when gated.</summary>
    internal Tensor InputWeight => wi.Weight;

    /// <summary>[d_model, d_ff].</summary>
    internal Tensor OutputWeight => wo.Weight;

    internal bool Gated => gated;

    internal FeedForwardActivation Activation => activation;

    public Tensor Forward(Tensor x /* [batch, seq, d_model] */)
    {
        using var scope = NewDisposeScope();
        var projected = wi.Forward(x);                              // [batch, seq, d_ff or 2 · d_ff]
        var ff = wo.In;
        var hidden = gated
            ? Activate(projected.narrow(-1, 0, ff)).mul_(projected.narrow(-1, ff, ff))
            : Activate(projected);                                  // [batch, seq, d_ff]
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
