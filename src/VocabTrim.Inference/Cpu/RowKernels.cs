using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace VocabTrim.Inference.Cpu;

/// <summary>
/// y = x·Wᵀ over raw float32 memory for a decoding step's few rows of x, with W in the checkpoint's [out, in]
/// layout. At one to eight rows the product is bound by reading W, so the kernels read each weight row once,
/// front to back, and dot it with every row of x (which stays in L1). Reading one weight row at a time
/// matters: interleaving four rows (four streams 2 KB apart) halved the bandwidth one core reached on the
/// benchmark machine. A prefetch a few rows ahead keeps the stream going at eight rows, where the loads of x
/// compete with it. Past eight rows the
/// loads of x, not memory, set the pace: there the groups of eight take turns on small blocks of weight rows,
/// and the AVX-512 kernel takes two weight rows per pass (see <see cref="Multiply"/>). Each output is a sum
/// of 8- or 16-lane partial sums, in the same order whichever kernel computes it and whatever rows and output
/// range come with it: the same x row and weight row give the same bits (validation's original head relies on
/// it, see <see cref="DecodingHead"/>); the result differs from BLAS only in summation order.
/// </summary>
internal static unsafe class RowKernels
{
    /// <summary>Rows one pass of the kernel dots with each weight row; more rows go in groups of this many.</summary>
    public const int MaxRows = 8;

    // Weight rows each group of x takes in turn before the next group: four 512-wide rows are 8 KB.
    private const int WeightBlock = 4;

    // Floats ahead of the current position that the eight-row kernel asks the cache for (8 KB: four rows of
    // a 512-wide weight).
    private const int PrefetchDistance = 2048;

    /// <summary>
    /// For rows r &lt; <paramref name="rows"/> (a few dozen at most: the rows' pointers live on the stack) and outputs j in [<paramref name="first"/>, <paramref name="end"/>):
    /// y[r·ldy + j] = x[r·ldx ..]·w[j·n ..], or += when <paramref name="accumulate"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Multiply(float* x, int rows, long ldx, float* w, int n, float* y, long ldy, long first, long end, bool accumulate)
    {
        var wide = Vector512.IsHardwareAccelerated;
        if (rows == 1)
        {
            // The eight-row kernels' sum for one row, so that an output has the same bits whatever rows come with it.
            for (var j = first; j < end; j++)
            {
                var sum = wide ? OneRow512(x, w + j * n, n) : OneRow(x, w + j * n, n);
                if (accumulate) y[j] += sum;
                else y[j] = sum;
            }
            return;
        }
        // Rows go in groups of eight; rows beyond the last group's end repeat its last row (the work hides behind
        // the weight's memory traffic) so that one eight-row kernel serves every count; their results are dropped.
        // The weight is read from memory once whatever the number of rows: every group takes its turn on a block
        // of weight rows while the block is in L1. Blocks of a few rows keep one group of x (16 KB at d_model
        // 512) beside them in L1; one weight row at a time, 32 rows of x (64 KB) came from L2 for each weight
        // row, and 32 rows cost four times what 8 did per row. The loop order does not change any output's sum.
        var groups = (rows + MaxRows - 1) / MaxRows;
        var r = stackalloc nint[groups * MaxRows];
        for (var i = 0; i < groups * MaxRows; i++) r[i] = (nint)(x + Math.Min(i, rows - 1) * ldx);
        var results = stackalloc float[MaxRows];
        var pair = stackalloc float[MaxRows];
        var twoWeights = wide && groups > 1;
        for (var block = first; block < end; block += WeightBlock)
        {
            var blockEnd = Math.Min(end, block + WeightBlock);
            for (var g = 0; g < groups; g++)
            {
                var count = Math.Min(MaxRows, rows - g * MaxRows);
                var yg = y + g * MaxRows * ldy;
                var j = block;
                // Two weight rows per pass, where the registers allow and there are several groups: each load of x
                // then feeds two products (faster at 16 and 32 rows). Up to eight rows the product is bound by
                // memory, and two weight streams per core read it slower than one.
                for (; twoWeights && j + 2 <= blockEnd; j += 2)
                {
                    EightRowsTwoWeights512(r + g * MaxRows, w + j * n, n, results, pair);
                    Store(yg + j, results, count, ldy, accumulate);
                    Store(yg + j + 1, pair, count, ldy, accumulate);
                }
                for (; j < blockEnd; j++)
                {
                    if (wide) EightRows512(r + g * MaxRows, w + j * n, n, results);
                    else EightRows(r + g * MaxRows, w + j * n, n, results);
                    Store(yg + j, results, count, ldy, accumulate);
                }
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store(float* y, float* results, int count, long ldy, bool accumulate)
    {
        if (accumulate) for (var i = 0; i < count; i++) y[i * ldy] += results[i];
        else for (var i = 0; i < count; i++) y[i * ldy] = results[i];
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining | MethodImplOptions.AggressiveOptimization)]
    public static float Dot(float* x, float* w, int n)
    {
        Vector256<float> a0 = default, a1 = default;
        var k = 0;
        for (; k + 16 <= n; k += 16)
        {
            a0 = Vector256.FusedMultiplyAdd(Vector256.Load(x + k), Vector256.Load(w + k), a0);
            a1 = Vector256.FusedMultiplyAdd(Vector256.Load(x + k + 8), Vector256.Load(w + k + 8), a1);
        }
        if (k + 8 <= n)
        {
            a0 = Vector256.FusedMultiplyAdd(Vector256.Load(x + k), Vector256.Load(w + k), a0);
            k += 8;
        }
        var sum = Vector256.Sum(a0 + a1);
        for (; k < n; k++) sum += x[k] * w[k];
        return sum;
    }

    // Row 0 of EightRows512, alone: the same loads, accumulator, reduction and tail.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static float OneRow512(float* x, float* w, int n)
    {
        Vector512<float> a = default;
        var k = 0;
        for (; k + 16 <= n; k += 16) a = Vector512.FusedMultiplyAdd(Vector512.Load(x + k), Vector512.Load(w + k), a);
        var y = Vector512.Sum(a);
        for (; k < n; k++) y += x[k] * w[k];
        return y;
    }

    // Row 0 of EightRows, alone.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static float OneRow(float* x, float* w, int n)
    {
        Vector256<float> a = default;
        var k = 0;
        for (; k + 8 <= n; k += 8) a = Vector256.FusedMultiplyAdd(Vector256.Load(x + k), Vector256.Load(w + k), a);
        var y = Vector256.Sum(a);
        for (; k < n; k++) y += x[k] * w[k];
        return y;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void EightRows512(nint* rows, float* w, int n, float* y)
    {
        float* x0 = (float*)rows[0], x1 = (float*)rows[1], x2 = (float*)rows[2], x3 = (float*)rows[3];
        float* x4 = (float*)rows[4], x5 = (float*)rows[5], x6 = (float*)rows[6], x7 = (float*)rows[7];
        Vector512<float> a0 = default, a1 = default, a2 = default, a3 = default;
        Vector512<float> a4 = default, a5 = default, a6 = default, a7 = default;
        var k = 0;
        for (; k + 16 <= n; k += 16)
        {
            Sse.Prefetch0(w + k + PrefetchDistance);
            var v = Vector512.Load(w + k);
            a0 = Vector512.FusedMultiplyAdd(Vector512.Load(x0 + k), v, a0);
            a1 = Vector512.FusedMultiplyAdd(Vector512.Load(x1 + k), v, a1);
            a2 = Vector512.FusedMultiplyAdd(Vector512.Load(x2 + k), v, a2);
            a3 = Vector512.FusedMultiplyAdd(Vector512.Load(x3 + k), v, a3);
            a4 = Vector512.FusedMultiplyAdd(Vector512.Load(x4 + k), v, a4);
            a5 = Vector512.FusedMultiplyAdd(Vector512.Load(x5 + k), v, a5);
            a6 = Vector512.FusedMultiplyAdd(Vector512.Load(x6 + k), v, a6);
            a7 = Vector512.FusedMultiplyAdd(Vector512.Load(x7 + k), v, a7);
        }
        y[0] = Vector512.Sum(a0); y[1] = Vector512.Sum(a1); y[2] = Vector512.Sum(a2); y[3] = Vector512.Sum(a3);
        y[4] = Vector512.Sum(a4); y[5] = Vector512.Sum(a5); y[6] = Vector512.Sum(a6); y[7] = Vector512.Sum(a7);
        for (; k < n; k++)
        {
            var v = w[k];
            y[0] += x0[k] * v; y[1] += x1[k] * v; y[2] += x2[k] * v; y[3] += x3[k] * v;
            y[4] += x4[k] * v; y[5] += x5[k] * v; y[6] += x6[k] * v; y[7] += x7[k] * v;
        }
    }

    // EightRows512 for weight rows w and w + n at once (16 accumulators): each output's sum is the same, in the
    // same order, as EightRows512 gives it.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void EightRowsTwoWeights512(nint* rows, float* w, int n, float* y, float* z)
    {
        float* x0 = (float*)rows[0], x1 = (float*)rows[1], x2 = (float*)rows[2], x3 = (float*)rows[3];
        float* x4 = (float*)rows[4], x5 = (float*)rows[5], x6 = (float*)rows[6], x7 = (float*)rows[7];
        var u = w + n;
        Vector512<float> a0 = default, a1 = default, a2 = default, a3 = default;
        Vector512<float> a4 = default, a5 = default, a6 = default, a7 = default;
        Vector512<float> b0 = default, b1 = default, b2 = default, b3 = default;
        Vector512<float> b4 = default, b5 = default, b6 = default, b7 = default;
        var k = 0;
        for (; k + 16 <= n; k += 16)
        {
            Sse.Prefetch0(w + k + PrefetchDistance);
            Sse.Prefetch0(u + k + PrefetchDistance);
            var v = Vector512.Load(w + k);
            var t = Vector512.Load(u + k);
            var x = Vector512.Load(x0 + k); a0 = Vector512.FusedMultiplyAdd(x, v, a0); b0 = Vector512.FusedMultiplyAdd(x, t, b0);
            x = Vector512.Load(x1 + k); a1 = Vector512.FusedMultiplyAdd(x, v, a1); b1 = Vector512.FusedMultiplyAdd(x, t, b1);
            x = Vector512.Load(x2 + k); a2 = Vector512.FusedMultiplyAdd(x, v, a2); b2 = Vector512.FusedMultiplyAdd(x, t, b2);
            x = Vector512.Load(x3 + k); a3 = Vector512.FusedMultiplyAdd(x, v, a3); b3 = Vector512.FusedMultiplyAdd(x, t, b3);
            x = Vector512.Load(x4 + k); a4 = Vector512.FusedMultiplyAdd(x, v, a4); b4 = Vector512.FusedMultiplyAdd(x, t, b4);
            x = Vector512.Load(x5 + k); a5 = Vector512.FusedMultiplyAdd(x, v, a5); b5 = Vector512.FusedMultiplyAdd(x, t, b5);
            x = Vector512.Load(x6 + k); a6 = Vector512.FusedMultiplyAdd(x, v, a6); b6 = Vector512.FusedMultiplyAdd(x, t, b6);
            x = Vector512.Load(x7 + k); a7 = Vector512.FusedMultiplyAdd(x, v, a7); b7 = Vector512.FusedMultiplyAdd(x, t, b7);
        }
        y[0] = Vector512.Sum(a0); y[1] = Vector512.Sum(a1); y[2] = Vector512.Sum(a2); y[3] = Vector512.Sum(a3);
        y[4] = Vector512.Sum(a4); y[5] = Vector512.Sum(a5); y[6] = Vector512.Sum(a6); y[7] = Vector512.Sum(a7);
        z[0] = Vector512.Sum(b0); z[1] = Vector512.Sum(b1); z[2] = Vector512.Sum(b2); z[3] = Vector512.Sum(b3);
        z[4] = Vector512.Sum(b4); z[5] = Vector512.Sum(b5); z[6] = Vector512.Sum(b6); z[7] = Vector512.Sum(b7);
        for (; k < n; k++)
        {
            float v = w[k], t = u[k];
            y[0] += x0[k] * v; y[1] += x1[k] * v; y[2] += x2[k] * v; y[3] += x3[k] * v;
            y[4] += x4[k] * v; y[5] += x5[k] * v; y[6] += x6[k] * v; y[7] += x7[k] * v;
            z[0] += x0[k] * t; z[1] += x1[k] * t; z[2] += x2[k] * t; z[3] += x3[k] * t;
            z[4] += x4[k] * t; z[5] += x5[k] * t; z[6] += x6[k] * t; z[7] += x7[k] * t;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void EightRows(nint* rows, float* w, int n, float* y)
    {
        float* x0 = (float*)rows[0], x1 = (float*)rows[1], x2 = (float*)rows[2], x3 = (float*)rows[3];
        float* x4 = (float*)rows[4], x5 = (float*)rows[5], x6 = (float*)rows[6], x7 = (float*)rows[7];
        Vector256<float> a0 = default, a1 = default, a2 = default, a3 = default;
        Vector256<float> a4 = default, a5 = default, a6 = default, a7 = default;
        var k = 0;
        for (; k + 8 <= n; k += 8)
        {
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
