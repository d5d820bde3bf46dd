using TorchSharp;
using VocabTrim.Inference.Generation;
using static TorchSharp.torch;

namespace VocabTrim.Inference.Mt5;

/// <summary>One decoder layer: causal self-attention (cached), cross-attention to the encoder, feed-forward.</summary>
public sealed class Mt5DecoderBlock(
    T5LayerNorm selfAttentionNorm, T5Attention selfAttention,
    T5LayerNorm crossAttentionNorm, T5Attention crossAttention,
    T5LayerNorm feedForwardNorm, T5FeedForward feedForward)
{
    public T5Attention CrossAttention => crossAttention;

    internal T5LayerNorm SelfAttentionNorm => selfAttentionNorm;

    internal T5Attention SelfAttention => selfAttention;

    internal T5LayerNorm CrossAttentionNorm => crossAttentionNorm;

    internal T5LayerNorm FeedForwardNorm => feedForwardNorm;

    internal T5FeedForward FeedForward => feedForward;

    public Tensor Forward(
        Tensor x /* [batch, new, d_model] */,
        Tensor selfBias /* [batch or 1, heads, new, past + new] */,
        KvCache cache, int layer,
        Tensor crossKeys /* [batch, heads, enc_seq, d_kv] */, Tensor crossValues /* [batch, heads, enc_seq, d_kv] */,
        Tensor crossBias /* [batch, 1, 1, enc_seq] */)
    {
        using var scope = NewDisposeScope();
        var normed = selfAttentionNorm.Forward(x);
        var (queries, newKeys, newValues) = selfAttention.Project(normed);
        var (keys, values) = cache.Append(layer, newKeys, newValues);     // [batch, heads, past + new, d_kv]
        x = Fp16.Clamp(x + selfAttention.Attend(queries, keys, values, selfBias));
        var crossNormed = crossAttentionNorm.Forward(x);
        x = Fp16.Clamp(x + crossAttention.Attend(crossAttention.Queries(crossNormed), crossKeys, crossValues,
            crossBias));
        x = Fp16.Clamp(x + feedForward.Forward(feedForwardNorm.Forward(x)));
        return scope.MoveToOuter(x);                                        // [batch, new, d_model]
    }
}
