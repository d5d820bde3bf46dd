using TorchSharp;
using static TorchSharp.torch;

namespace VocabTrim.Inference;

/// <summary>
/// A dense layer y = x·Wᵀ + b whose weight is kept transposed, [in, out] contiguous: decoding multiplies one
/// row at a time, and BLAS streams the weight about twice as fast in this layout as through a transposed
/// view of the checkpoint's [out, in] matrix (measured on the 250,112-row LM head).
/// </summary>
public sealed class Linear(Tensor weightTransposed /* [in, out] */, Tensor? bias /* [out] */)
{
    public long Out => weightTransposed.shape[1];

    /// <summary>The transposed weight [in, out], e.g. for gathering embedding rows of a tied head.</summary>
    public Tensor WeightTransposed => weightTransposed;

    public Tensor Forward(Tensor x /* [..., in] */)
    {
        var product = matmul(x, weightTransposed);                // [..., out]
        return bias is null ? product : product.add_(bias);
    }
}
