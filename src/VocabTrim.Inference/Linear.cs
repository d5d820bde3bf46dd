using TorchSharp;
using static TorchSharp.torch;

namespace VocabTrim.Inference;

/// <summary>
/// A dense layer y = x·Wᵀ + b with the weight in the checkpoint's [out, in] layout. Decoding steps (a few
/// float32 rows on the CPU) go through <see cref="FewRowProduct"/>, which streams each weight row once for
/// all rows of x; longer inputs (prompts, the encoder) through torch's matmul. A weight kept in a narrower
/// dtype than x (a streamed F16/BF16 layer, see <see cref="Weights.WeightLoader.LoadMatrix"/>) is widened in
/// chunks of output rows just before each chunk's product.
/// </summary>
public sealed class Linear(Tensor weight /* [out, in] */, Tensor? bias /* [out] */,
    long wideningChunkElements = Linear.WideningChunkElements)
{
    /// <summary>Elements of a narrow weight widened at a time: 64 MB of float32, whatever the layer's width.</summary>
    public const long WideningChunkElements = 16L << 20;

    public long Out => weight.shape[0];

    public long In => weight.shape[1];

    /// <summary>The weight [out, in], e.g. for gathering embedding rows of a tied head.</summary>
    public Tensor Weight => weight;

    public Tensor Forward(Tensor x /* [..., in] */)
    {
        var product = weight.dtype == x.dtype ? Product(x, weight) : WideningProduct(x);  // [..., out]
        return bias is null ? product : product.add_(bias);
    }

    private static Tensor Product(Tensor x /* [..., in] */, Tensor w /* [out, in] */) =>
        FewRowProduct.Applies(x, w) ? FewRowProduct.Multiply(x, w) : Matmul(x, w);

    // W·xᵀ, transposed back: MKL's generic (non-Intel) path multiplies in this orientation several times faster
    // than x·Wᵀ with W in [out, in] (figures in docs/performance.md).
    private static Tensor Matmul(Tensor x /* [..., in] */, Tensor w /* [out, in] */)
    {
        using var scope = NewDisposeScope();
        var shape = x.shape;
        shape[^1] = w.shape[0];
        var rows = x.reshape(-1, w.shape[1]);                                  // [rows, in]
        return scope.MoveToOuter(matmul(w, rows.t()).t().reshape(shape));      // [..., out]
    }

    // No widened copy of the whole weight exists: a BLOOMZ-176B MLP matrix is 3.3 GB in float32. The result has
    // the layout Product would give (Matmul's is transposed): ops after it, such as the fused RMS norm, take
    // different kernels for different layouts, and a streamed model must compute exactly as a resident one.
    private Tensor WideningProduct(Tensor x /* [..., in] */)
    {
        using var scope = NewDisposeScope();
        var shape = x.shape;
        shape[^1] = Out;
        var rowsPerChunk = Math.Max(1, wideningChunkElements / Math.Max(1, In));
        var fewRows = FewRowProduct.AppliesToInput(x, In);
        var rows = x.reshape(-1, In).t();                                      // [in, rows]
        var product = fewRows
            ? empty(shape, x.dtype, x.device)                                  // [..., out]
            : empty([Out, rows.shape[1]], x.dtype, x.device);                  // [out, rows]
        for (long row = 0; row < Out; row += rowsPerChunk)
        {
            using var chunk = NewDisposeScope();
            var count = Math.Min(rowsPerChunk, Out - row);
            var wide = weight.narrow(0, row, count).to(x.dtype);               // [count, in]
            if (fewRows) product.narrow(-1, row, count).copy_(FewRowProduct.Multiply(x, wide));
            else product.narrow(0, row, count).copy_(matmul(wide, rows));      // [count, rows]
        }
        return scope.MoveToOuter(fewRows ? product : product.t().reshape(shape));
    }
}
