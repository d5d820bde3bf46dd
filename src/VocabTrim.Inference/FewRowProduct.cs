using System.Runtime.Intrinsics;
using TorchSharp;
using VocabTrim.Inference.Cpu;
using static TorchSharp.torch;

namespace VocabTrim.Inference;

/// <summary>
/// y = x·Wᵀ as a tensor op for a few rows of x (a decoding step: one row per sequence) and a float32 weight in
/// the checkpoint's [out, in] layout, on the CPU, through <see cref="RowKernels"/>. libtorch's BLAS (MKL) runs a
/// generic code path on non-Intel CPUs: at 8 rows it reaches a fraction of memory bandwidth on the 250k-row
/// LM head, where these kernels stream the weight at memory speed. The outputs are split over libtorch's
/// OpenMP threads (<see cref="OpenMpTeam"/>), or over .NET's thread pool where there are none to borrow.
/// </summary>
internal static unsafe class FewRowProduct
{
    /// <summary>
    /// Rows this product takes (a decoding step's batch, validation's 16 included). Up to here every weight
    /// row is read once for all of them and the product is bound by memory, where MKL's generic path is slower
    /// (docs/performance.md). Longer inputs (prompts, the encoder) are compute-bound, where MKL wins.
    /// </summary>
    public const int MaxRows = 32;

    /// <summary>
    /// Threads to split a product over inside a <see cref="DecodingThreads"/> scope (0: outside one).
    /// </summary>
    [ThreadStatic] internal static int Threads;

    /// <summary>
    /// Whether <see cref="Multiply"/> handles this product (else use torch's matmul): only inside a
    /// <see cref="DecodingThreads"/> scope, which says how many threads it may use.
    /// </summary>
    public static bool Applies(Tensor x, Tensor weight /* [out, in] */) =>
        weight.dtype == ScalarType.Float32 && weight.is_contiguous() && AppliesToInput(x, weight.shape[1]);

    /// <summary>
    /// Whether <see cref="Applies"/> holds for <paramref name="x"/> and any contiguous float32 weight of
    /// <paramref name="inputs"/> columns.
    /// </summary>
    public static bool AppliesToInput(Tensor x, long inputs) =>
        Threads > 0 && x.dtype == ScalarType.Float32 && x.device_type == DeviceType.CPU &&
        Vector256.IsHardwareAccelerated && x.NumberOfElements / inputs <= MaxRows && x.NumberOfElements > 0;

    /// <summary>x [..., in] · weight [out, in]ᵀ → [..., out], float32.</summary>
    public static Tensor Multiply(Tensor x, Tensor weight)
    {
        var (outDim, inDim) = (weight.shape[0], weight.shape[1]);
        var rows = (int)(x.NumberOfElements / inDim);
        var shape = x.shape;
        shape[^1] = outDim;
        using var input = x.contiguous();
        var output = empty(shape, ScalarType.Float32, x.device);
        var (xp, wp, yp) =
            ((nint)CpuFloats.Address(input), (nint)CpuFloats.Address(weight), (nint)CpuFloats.Address(output));
        var threads = outDim * inDim * rows < (1 << 16) ? 1 : Math.Max(1, Threads);
        if (threads == 1) Range((float*)xp, rows, (int)inDim, (float*)wp, (float*)yp, outDim, 0, outDim);
        else if (OpenMpTeam.TryCreate(threads) is { } team)
        {
            var job = new RowProductJob()
                .Set((float*)xp, rows, (float*)wp, (int)inDim, outDim, (float*)yp, accumulate: false);
            using (team) team.Run(job);
        }
        else
        {
            // Whole groups of four outputs per thread, so that only the last range has a ragged end.
            var per = (outDim / threads + 3) & ~3L;
            Parallel.For(0, threads, t =>
            {
                var first = Math.Min(outDim, t * per);
                var end = t == threads - 1 ? outDim : Math.Min(outDim, first + per);
                Range((float*)xp, rows, (int)inDim, (float*)wp, (float*)yp, outDim, first, end);
            });
        }
        return output;
    }

    private static void Range(float* x, int rows, int n, float* w, float* y, long outDim, long first, long end) =>
        RowKernels.Multiply(x, rows, n, w, n, y, outDim, first, end, accumulate: false);
}
