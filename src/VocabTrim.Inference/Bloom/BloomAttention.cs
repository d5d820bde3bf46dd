using TorchSharp;
using VocabTrim.Inference.Generation;
using static TorchSharp.torch;

namespace VocabTrim.Inference.Bloom;

/// <summary>
/// BLOOM self-attention: one fused projection whose output is laid out per head as (query, key, value),
/// i.e. viewed as [batch, seq, heads, 3, head_dim] — not three [hidden] blocks — then scaled dot products
/// plus ALiBi, causal and padding masks, and the output projection added to the residual.
/// </summary>
public sealed class BloomAttention(
    Linear queryKeyValue /* hidden → 3 * hidden */, Linear dense /* hidden → hidden */, int heads)
{
    public Tensor Forward(
        Tensor x /* [batch, new, hidden] */, Tensor residual /* [batch, new, hidden] */,
        Tensor alibi /* [batch, heads, 1, keys] */, Tensor blocked /* [batch, 1, new, keys] bool */,
        KvCache cache, int layer)
    {
        using var scope = NewDisposeScope();
        var (batch, added, hidden) = (x.shape[0], x.shape[1], x.shape[2]);
        var headDim = hidden / heads;
        var fused = queryKeyValue.Forward(x).view(batch, added, heads, 3, headDim);
        var query = fused.select(3, 0).transpose(1, 2);                                 // [batch, heads, new, head_dim]
        var (keys, values) = cache.Append(layer,
            // [batch, heads, keys, head_dim]
            fused.select(3, 1).transpose(1, 2), fused.select(3, 2).transpose(1, 2));
        var keyCount = keys.shape[2];
        // alibi + QKᵀ/sqrt(d) on [batch·heads] matrices, as transformers' baddbmm (TorchSharp 0.107's baddbmm
        // binding passes its operands in the wrong order, so the sum is spelled out).
        var products = bmm(
            query.reshape(batch * heads, added, headDim),
            keys.reshape(batch * heads, keyCount, headDim).transpose(1, 2));              // [batch·heads, new, keys]
        var scores = (alibi.reshape(batch * heads, 1, keyCount) + products * (1.0 / Math.Sqrt(headDim)))
            .view(batch, heads, added, keyCount)
            .masked_fill(blocked, AttentionMask.MinValue(x.dtype));                     // [batch, heads, new, keys]
        var probabilities = scores.softmax(-1, ScalarType.Float32).to(x.dtype);
        var context = matmul(probabilities, values)                                     // [batch, heads, new, head_dim]
            .transpose(1, 2).reshape(batch, added, hidden);                             // [batch, new, hidden]
        return scope.MoveToOuter(dense.Forward(context) + residual);
    }
}
