using TorchSharp;
using static TorchSharp.torch;

namespace VocabTrim.Inference.Mt5;

/// <summary>
/// T5 multi-head attention without biases and without the 1/sqrt(d_kv) scaling (T5 folds it into the query
/// weights' initialisation). The caller adds position bias and masks as one additive tensor. The q, k and v
/// weights are stacked in one matrix, so self-attention projects with one product per step; cross-attention
/// uses its query and key/value row blocks separately.
/// </summary>
public sealed class T5Attention
{
    private readonly Linear _qkv;  // d_model → 3 · inner: q | k | v
    private readonly Linear _q;    // d_model → inner
    private readonly Linear _kv;   // d_model → 2 · inner: k | v
    private readonly Linear _o;    // inner → d_model
    private readonly int _heads;
    private readonly int _dKv;

    public T5Attention(Tensor qkv /* [3 · inner, d_model] */, Linear o, int heads, int dKv)
    {
        var inner = (long)heads * dKv;
        _qkv = new Linear(qkv, null);
        _q = new Linear(qkv.narrow(0, 0, inner).DetachFromDisposeScope(), null);
        _kv = new Linear(qkv.narrow(0, inner, 2 * inner).DetachFromDisposeScope(), null);
        _o = o;
        _heads = heads;
        _dKv = dKv;
    }

    /// <summary>q | k | v weights stacked: [3 · inner, d_model]; the first inner rows are the query weights.</summary>
    internal Tensor QkvWeight => _qkv.Weight;

    /// <summary>Output projection: [d_model, inner].</summary>
    internal Tensor OutputWeight => _o.Weight;

    /// <summary>Queries of <paramref name="x"/> [batch, seq, d_model] → [batch, heads, seq, d_kv].</summary>
    public Tensor Queries(Tensor x) => SplitHeads(_q.Forward(x), 1).select(0, 0);

    /// <summary>
    /// Keys and values of <paramref name="x"/> [batch, seq, d_model] → 2 × [batch, heads, seq, d_kv].
    /// </summary>
    public (Tensor Keys, Tensor Values) KeysValues(Tensor x)
    {
        var kv = SplitHeads(_kv.Forward(x), 2);                                            // [2, b, h, s, d_kv]
        return (kv.select(0, 0), kv.select(0, 1));
    }

    /// <summary>
    /// Queries, keys and values of <paramref name="x"/> in one product: 3 × [batch, heads, seq, d_kv].
    /// </summary>
    public (Tensor Queries, Tensor Keys, Tensor Values) Project(Tensor x)
    {
        var qkv = SplitHeads(_qkv.Forward(x), 3);                                          // [3, b, h, s, d_kv]
        return (qkv.select(0, 0), qkv.select(0, 1), qkv.select(0, 2));
    }

    /// <summary>
    /// softmax(QKᵀ + bias)·V through the output projection: [batch, q_len, d_model].
    /// <paramref name="bias"/> is [batch or 1, heads, q_len, k_len] and carries masks as the dtype's minimum.
    /// </summary>
    public Tensor Attend(Tensor queries /* [b, h, q, d_kv] */, Tensor keys /* [b, h, k, d_kv] */,
        Tensor values /* [b, h, k, d_kv] */, Tensor bias)
    {
        using var scope = NewDisposeScope();
        var scores = matmul(queries, keys.transpose(2, 3)).add_(bias);                     // [b, h, q, k]
        // Softmax in float32 as transformers does: half-precision exponentials lose the small weights.
        var weights = scores.dtype == ScalarType.Float32
            ? scores.softmax(-1)
            : scores.softmax(-1, ScalarType.Float32).to(scores.dtype);
        var context = matmul(weights, values);                                             // [b, h, q, d_kv]
        var (batch, length) = (context.shape[0], context.shape[2]);
        var merged = context.transpose(1, 2).reshape(batch, length, _heads * _dKv);         // [b, q, inner]
        return scope.MoveToOuter(_o.Forward(merged));                                       // [b, q, d_model]
    }

    private Tensor SplitHeads(Tensor x /* [b, s, parts · inner] */, int parts)
    {
        var (batch, length) = (x.shape[0], x.shape[1]);
        return x.view(batch, length, parts, _heads, _dKv).permute(2, 0, 3, 1, 4);          // [parts, b, h, s, d_kv]
    }
}
