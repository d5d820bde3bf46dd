using TorchSharp;
using static TorchSharp.torch;

namespace VocabTrim.Inference;

/// <summary>
/// A dense layer y = x·Wᵀ + b with the weight in the checkpoint's [out, in] layout. Decoding steps (a few
/// float32 rows on the CPU) go through <see cref="FewRowProduct"/>, which streams each weight row once for
/// all rows of x; longer inputs (prompts, the encoder) through torch's matmul, where BLAS packs the operands
/// anyway.
/// </summary>
public sealed class Linear(Tensor weight /* [out, in] */, Tensor? bias /* [out] */)
{
    public long Out => weight.shape[0];

    public long In => weight.shape[1];

    /// <summary>The weight [out, in], e.g. for gathering embedding rows of a tied head.</summary>
    public Tensor Weight => weight;

    public Tensor Forward(Tensor x /* [..., in] */)
    {
        var product = FewRowProduct.Applies(x, weight)
            ? FewRowProduct.Multiply(x, weight)                   // [..., out]
            : matmul(x, weight.t());                              // [..., out]
        return bias is null ? product : product.add_(bias);
    }
}
