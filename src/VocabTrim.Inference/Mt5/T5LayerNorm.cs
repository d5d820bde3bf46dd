using TorchSharp;
using static TorchSharp.torch;

namespace VocabTrim.Inference.Mt5;

/// <summary>
/// T5's layer norm: scale by the root mean square, no mean subtraction and no bias. The mean of squares is
/// taken in float32 even for half-precision models, as transformers does, because it overflows in fp16.
/// </summary>
public sealed class T5LayerNorm(Tensor weight /* [d_model] */, double epsilon)
{
    internal Tensor Weight => weight;

    internal double Epsilon => epsilon;

    public Tensor Forward(Tensor x /* [batch, seq, d_model] */)
    {
        if (RmsNormRows.Applies(x, weight)) return RmsNormRows.Forward(x, weight, epsilon);
        using var scope = NewDisposeScope();
        // Decoding runs this hundreds of times per token on one row: every skipped op counts, hence the
        // dtype checks and in-place updates (same arithmetic, same order).
        var wide = x.dtype is ScalarType.Float16 or ScalarType.BFloat16 ? x.to(ScalarType.Float32) : x;
        var scale = wide.pow(2).mean([-1], keepdim: true).add_(epsilon).rsqrt_();  // [batch, seq, 1]
        // [batch, seq, d_model] float32 or wider
        var normed = wide.mul(scale);
        if (weight.dtype is ScalarType.Float16 or ScalarType.BFloat16) normed = normed.to(weight.dtype);
        return scope.MoveToOuter(normed.mul_(weight));                              // [batch, seq, d_model]
    }
}
