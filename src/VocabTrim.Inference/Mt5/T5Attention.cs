using TorchSharp;
using static TorchSharp.torch;

namespace VocabTrim.Inference.Mt5;

/// <summary>
/// T5 multi-head attention without biases and without the 1/sqrt(d_kv) scaling (T5 folds it into the query
/// weights' initialisation). The caller adds position bias and masks as one additive tensor.
/// </summary>
public sealed class T5Attention(
    Linear q /* d_model → inner */, Linear k /* d_model → inner */, Linear v /* d_model → inner */,
    Linear o /* inner → d_model */, int heads, int dKv)
{
    /// <summary>Queries of <paramref name="x"/> [batch, seq, d_model] → [batch, heads, seq, d_kv].</summary>
    public Tensor Queries(Tensor x) => SplitHeads(q.Forward(x));

    /// <summary>Keys and values of <paramref name="x"/> [batch, seq, d_model] → 2 × [batch, heads, seq, d_kv].</summary>
    public (Tensor Keys, Tensor Values) KeysValues(Tensor x) => (SplitHeads(k.Forward(x)), SplitHeads(v.Forward(x)));

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
        var merged = context.transpose(1, 2).reshape(batch, length, heads * dKv);           // [b, q, inner]
        return scope.MoveToOuter(o.Forward(merged));                                        // [b, q, d_model]
    }

    private Tensor SplitHeads(Tensor x /* [b, s, inner] */)
    {
        var (batch, length) = (x.shape[0], x.shape[1]);
        return x.view(batch, length, heads, dKv).transpose(1, 2);                          // [b, h, s, d_kv]
    }
}
