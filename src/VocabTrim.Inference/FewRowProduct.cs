using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using TorchSharp;
using static TorchSharp.torch;

namespace VocabTrim.Inference;

/// <summary>
/// y = x·Wᵀ for a few rows of x (a decoding step: one row per sequence) and a float32 weight in the checkpoint's
/// [out, in] layout, on the CPU. libtorch's BLAS (MKL) runs a generic code path on non-Intel CPUs: at 8 rows it
/// reaches a fraction of memory bandwidth on the 250k-row LM head. Here every weight row is read once, in
/// order, and dotted with all rows of x at once, so the product streams the weight at memory speed for any
/// batch up to <see cref="MaxRows"/>. Each output is a dot product of 8-lane partial sums: the rounding
/// differs from BLAS's only in summation order.
/// </summary>
internal static unsafe class FewRowProduct
{
    public const int MaxRows = 8;

    /// <summary>Threads to split a product over inside a <see cref="DecodingThreads"/> scope (0: outside one).</summary>
    [ThreadStatic] internal static int Threads;

    // Floats ahead of the current row that the kernels ask the memory system for (8 KB, a few weight rows): on
    // the benchmark machine this lifted the product from ~17 to ~21 GB/s, where a plain sequential read stalls.
    private const int Distance = 2048;

    /// <summary>
    /// Whether <see cref="Multiply"/> handles this product (else use torch's matmul): only inside a
    /// <see cref="DecodingThreads"/> scope, where libtorch leaves the cores to it.
    /// </summary>
    public static bool Applies(Tensor x, Tensor weight /* [out, in] */) =>
        Threads > 0 && x.dtype == ScalarType.Float32 && weight.dtype == ScalarType.Float32 && x.device_type == DeviceType.CPU &&
        Vector256.IsHardwareAccelerated && x.NumberOfElements / weight.shape[1] <= MaxRows && x.NumberOfElements > 0 && weight.is_contiguous();

    /// <summary>x [..., in] · weight [out, in]ᵀ → [..., out], float32.</summary>
    public static Tensor Multiply(Tensor x, Tensor weight)
    {
        var (outDim, inDim) = (weight.shape[0], weight.shape[1]);
        var rows = (int)(x.NumberOfElements / inDim);
        var shape = x.shape;
        shape[^1] = outDim;
        using var input = x.contiguous();
        var output = empty(shape, ScalarType.Float32, x.device);
        fixed (byte* xb = input.bytes)
        fixed (byte* wb = weight.bytes)
        fixed (byte* yb = output.bytes)
        {
            var (xp, wp, yp) = ((nint)xb, (nint)wb, (nint)yb);
            var threads = outDim * inDim * rows < (1 << 16) ? 1 : Math.Max(1, Threads);
            if (threads == 1) Range((float*)xp, rows, (int)inDim, (float*)wp, (float*)yp, outDim, 0, outDim);
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
        }
        return output;
    }

    private static void Range(float* x, int rows, int n, float* w, float* y, long outDim, long first, long end)
    {
        if (rows == 1)
        {
            var j = first;
            for (; j + 4 <= end; j += 4) OneRowFour(x, w + j * n, n, y + j);
            for (; j < end; j++) y[j] = Dot(x, w + j * n, n);
            return;
        }
        // Rows beyond the batch repeat its last row (the work is hidden behind the weight's memory traffic) so
        // that one eight-row kernel serves every batch size; their results are dropped.
        var r = stackalloc nint[MaxRows];
        for (var i = 0; i < MaxRows; i++) r[i] = (nint)(x + Math.Min(i, rows - 1) * n);
        var results = stackalloc float[MaxRows];
        for (var j = first; j < end; j++)
        {
            EightRows(r, w + j * n, n, results);
            for (var i = 0; i < rows; i++) y[i * outDim + j] = results[i];
        }
    }

    private static float Dot(float* x, float* w, int n)
    {
        var acc = Vector256<float>.Zero;
        var k = 0;
        for (; k + 8 <= n; k += 8) acc = Vector256.FusedMultiplyAdd(Vector256.Load(x + k), Vector256.Load(w + k), acc);
        var sum = Vector256.Sum(acc);
        for (; k < n; k++) sum += x[k] * w[k];
        return sum;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void OneRowFour(float* x, float* w, int n, float* y)
    {
        Vector256<float> a0 = default, a1 = default, a2 = default, a3 = default;
        var k = 0;
        var ahead = w + Distance;
        for (; k + 8 <= n; k += 8)
        {
            if (Sse.IsSupported && (k & 15) == 0)
            {
                Sse.PrefetchNonTemporal(ahead + k);
                Sse.PrefetchNonTemporal(ahead + n + k);
                Sse.PrefetchNonTemporal(ahead + 2 * n + k);
                Sse.PrefetchNonTemporal(ahead + 3 * n + k);
            }
            var v = Vector256.Load(x + k);
            a0 = Vector256.FusedMultiplyAdd(v, Vector256.Load(w + k), a0);
            a1 = Vector256.FusedMultiplyAdd(v, Vector256.Load(w + n + k), a1);
            a2 = Vector256.FusedMultiplyAdd(v, Vector256.Load(w + 2 * n + k), a2);
            a3 = Vector256.FusedMultiplyAdd(v, Vector256.Load(w + 3 * n + k), a3);
        }
        float s0 = Vector256.Sum(a0), s1 = Vector256.Sum(a1), s2 = Vector256.Sum(a2), s3 = Vector256.Sum(a3);
        for (; k < n; k++)
        {
            s0 += x[k] * w[k];
            s1 += x[k] * w[n + k];
            s2 += x[k] * w[2 * n + k];
            s3 += x[k] * w[3 * n + k];
        }
        (y[0], y[1], y[2], y[3]) = (s0, s1, s2, s3);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void EightRows(nint* rows, float* w, int n, float* y)
    {
        float* x0 = (float*)rows[0], x1 = (float*)rows[1], x2 = (float*)rows[2], x3 = (float*)rows[3];
        float* x4 = (float*)rows[4], x5 = (float*)rows[5], x6 = (float*)rows[6], x7 = (float*)rows[7];
        Vector256<float> a0 = default, a1 = default, a2 = default, a3 = default;
        Vector256<float> a4 = default, a5 = default, a6 = default, a7 = default;
        var k = 0;
        var ahead = w + Distance;
        for (; k + 8 <= n; k += 8)
        {
            if (Sse.IsSupported && (k & 15) == 0) Sse.PrefetchNonTemporal(ahead + k);
            var v = Vector256.Load(w + k);
            a0 = Vector256.FusedMultiplyAdd(Vector256.Load(x0 + k), v, a0);
            a1 = Vector256.FusedMultiplyAdd(Vector256.Load(x1 + k), v, a1);
            a2 = Vector256.FusedMultiplyAdd(Vector256.Load(x2 + k), v, a2);
            a3 = Vector256.FusedMultiplyAdd(Vector256.Load(x3 + k), v, a3);
            a4 = Vector256.FusedMultiplyAdd(Vector256.Load(x4 + k), v, a4);
            a5 = Vector256.FusedMultiplyAdd(Vector256.Load(x5 + k), v, a5);
            a6 = Vector256.FusedMultiplyAdd(Vector256.Load(x6 + k), v, a6);
            a7 = Vector256.FusedMultiplyAdd(Vector256.Load(x7 + k), v, a7);
        }
        y[0] = Vector256.Sum(a0); y[1] = Vector256.Sum(a1); y[2] = Vector256.Sum(a2); y[3] = Vector256.Sum(a3);
        y[4] = Vector256.Sum(a4); y[5] = Vector256.Sum(a5); y[6] = Vector256.Sum(a6); y[7] = Vector256.Sum(a7);
        for (; k < n; k++)
        {
            var v = w[k];
            y[0] += x0[k] * v; y[1] += x1[k] * v; y[2] += x2[k] * v; y[3] += x3[k] * v;
            y[4] += x4[k] * v; y[5] += x5[k] * v; y[6] += x6[k] * v; y[7] += x7[k] * v;
        }
    }
}

