using TorchSharp;
using static TorchSharp.torch;

namespace VocabTrim.Inference.Mt5;

/// <summary>One encoder layer: pre-norm self-attention and pre-norm feed-forward, each added to the residual.</summary>
public sealed class Mt5EncoderBlock(T5LayerNorm attentionNorm, T5Attention selfAttention, T5LayerNorm feedForwardNorm,
    T5FeedForward feedForward)
{
    internal T5LayerNorm AttentionNorm => attentionNorm;

    internal T5Attention SelfAttention => selfAttention;

    internal T5LayerNorm FeedForwardNorm => feedForwardNorm;

    internal T5FeedForward FeedForward => feedForward;

    public Tensor Forward(Tensor x /* [batch, seq, d_model] */, Tensor bias /* [batch, heads, seq, seq] */)
    {
        using var scope = NewDisposeScope();
        var normed = attentionNorm.Forward(x);
        var (queries, keys, values) = selfAttention.Project(normed);
        x = Fp16.Clamp(x + selfAttention.Attend(queries, keys, values, bias));
        x = Fp16.Clamp(x + feedForward.Forward(feedForwardNorm.Forward(x)));
        return scope.MoveToOuter(x);                                        // [batch, seq, d_model]
    }
}
