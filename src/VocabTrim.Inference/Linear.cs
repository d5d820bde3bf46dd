using TorchSharp;
using static TorchSharp.torch;

namespace VocabTrim.Inference;

/// <summary>
/// A dense layer y = x·Wᵀ + b with the weight in the checkpoint's [out, in] layout. Decoding steps (a few
/// float32 rows on the CPU) go through <see cref="FewRowProduct"/>, which streams each weight row once for
/// all rows of x; longer inputs (prompts, the encoder) through torch's matmul.
/// </summary>
public sealed class Linear(Tensor weight /* [out, in] */, Tensor? bias /* [out] */)
{
    public long Out => weight.shape[0];

    public long In => weight.shape[1];

    /// <summary>The weight [out, in], e.g. for gathering embedding rows of a tied head.</summary>
    public Tensor Weight => weight;

    public Tensor Forward(Tensor x /* [..., in] */)
    {
        var product = FewRowProduct.Applies(x, weight) ? FewRowProduct.Multiply(x, weight) : Matmul(x);  // [..., out]
        return bias is null ? product : product.add_(bias);
    }

    // W·xᵀ, transposed back: MKL's generic (non-Intel) path multiplies in this orientation several times faster
    // than x·Wᵀ with W in [out, in] (figures in docs/performance.md).
    private Tensor Matmul(Tensor x /* [..., in] */)
    {
        using var scope = NewDisposeScope();
        var shape = x.shape;
        shape[^1] = Out;
        var rows = x.reshape(-1, In);                                       // [rows, in]
        return scope.MoveToOuter(matmul(weight, rows.t()).t().reshape(shape)); // [..., out]
    }
}
