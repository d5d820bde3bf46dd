using TorchSharp;
using static TorchSharp.torch;

namespace VocabTrim.Inference.Mt5;

/// <summary>
/// T5's layer norm: scale by the root mean square, no mean subtraction and no bias. The mean of squares is
/// taken in float32 even for half-precision models, as transformers does, because it overflows in fp16.
/// </summary>
public sealed class T5LayerNorm(Tensor weight /* [d_model] */, double epsilon)
{
    public Tensor Forward(Tensor x /* [batch, seq, d_model] */)
    {
        using var scope = NewDisposeScope();
        var variance = x.to(ScalarType.Float32).pow(2).mean([-1], keepdim: true); // [batch, seq, 1]
        var normed = x * (variance + epsilon).rsqrt();                             // promoted to float32
        if (weight.dtype is ScalarType.Float16 or ScalarType.BFloat16) normed = normed.to(weight.dtype);
        return scope.MoveToOuter(weight * normed);                                 // [batch, seq, d_model]
    }
}
