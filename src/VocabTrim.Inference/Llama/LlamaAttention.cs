using TorchSharp;
using VocabTrim.Inference.Generation;
using static TorchSharp.torch;

namespace VocabTrim.Inference.Llama;

/// <summary>
/// Grouped-query self-attention with rotary positions. Query heads come in <c>heads / kv_heads</c> groups that
/// share one key/value head (query head i reads key/value head i / group, as transformers' repeat_kv), so the
/// cache holds the kv heads only and each group's queries run as one product against them, without copies of
/// the keys. Scores are QKᵀ / sqrt(head_dim), softmax in float32.
/// </summary>
public sealed class LlamaAttention(
    Linear query /* hidden → heads · head_dim */, Linear key /* hidden → kv_heads · head_dim */,
    Linear value /* hidden → kv_heads · head_dim */, Linear output /* heads · head_dim → hidden */,
    int heads, int keyValueHeads, int headDim)
{
    public Tensor Forward(
        Tensor x /* [batch, new, hidden] */, Tensor cos /* [batch, 1, new, head_dim] */, Tensor sin,
        Tensor blocked /* [batch, 1, new, keys] bool */, KvCache cache, int layer)
    {
        using var scope = NewDisposeScope();
        var (batch, added) = (x.shape[0], x.shape[1]);
        var groups = heads / keyValueHeads;
        // [batch, heads, new, head_dim]
        var q = RotaryEmbedding.Apply(Heads(query.Forward(x), heads), cos, sin);
        // [batch, kv_heads, new, head_dim]
        var k = RotaryEmbedding.Apply(Heads(key.Forward(x), keyValueHeads), cos, sin);
        // [batch, kv_heads, keys, head_dim]
        var (keys, values) = cache.Append(layer, k, Heads(value.Forward(x), keyValueHeads));
        var keyCount = keys.shape[2];
        // Head h = g·groups + j sits in kv group g at rows j·new … j·new + new − 1.
        // [batch, kv_heads, groups·new, head_dim]
        var grouped = q.reshape(batch, keyValueHeads, groups * added, headDim);
        // [batch, kv_heads, groups·new, keys]
        var scores = matmul(grouped, keys.transpose(2, 3)).div(Math.Sqrt(headDim))
            .view(batch, heads, added, keyCount)
            // [batch, heads, new, keys]
            .masked_fill(blocked, AttentionMask.MinValue(x.dtype));
        var probabilities = scores.softmax(-1, ScalarType.Float32).to(x.dtype);
        // [batch, kv_heads, groups·new, head_dim]
        var context = matmul(probabilities.view(batch, keyValueHeads, groups * added, keyCount), values)
            .view(batch, heads, added, headDim)
            // [batch, new, heads · head_dim]
            .transpose(1, 2).reshape(batch, added, heads * headDim);
        // [batch, new, hidden]
        return scope.MoveToOuter(output.Forward(context));
    }

    private Tensor Heads(Tensor projected /* [batch, new, n · head_dim] */, int n) =>
        // [batch, n, new, head_dim]
        projected.view(projected.shape[0], projected.shape[1], n, headDim).transpose(1, 2);
}
