using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace VocabTrim.Inference.Cpu;

/// <summary>
/// T5's layer norm (scale by the root mean square, then by a learned weight; no mean, no bias) of every column
/// of a feature-major [d, n] matrix, where each column is one token. The sums of squares run along the rows,
/// so every load is contiguous and covers eight tokens at once.
/// </summary>
internal static unsafe class ColumnRmsNorm
{
    /// <summary>
    /// y[i, j] = x[i, j] / rms(x[·, j]) · w[i] for x and y [d, n] (may not overlap); <paramref name="sums"/> is
    /// scratch for n floats.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Normalize(float* x, int d, int n, float* w, float epsilon, float* y, float* sums)
    {
        new Span<float>(sums, n).Clear();
        for (var i = 0; i < d; i++)
        {
            var row = x + (long)i * n;
            var j = 0;
            for (; j + 8 <= n; j += 8)
            {
                var v = Vector256.Load(row + j);
                Vector256.FusedMultiplyAdd(v, v, Vector256.Load(sums + j)).Store(sums + j);
            }
            for (; j < n; j++) sums[j] += row[j] * row[j];
        }
        for (var j = 0; j < n; j++) sums[j] = 1f / MathF.Sqrt(sums[j] / d + epsilon);
        for (var i = 0; i < d; i++)
        {
            float* row = x + (long)i * n, output = y + (long)i * n;
            var weight = w[i];
            var j = 0;
            for (; j + 8 <= n; j += 8)
                (Vector256.Load(row + j) * Vector256.Load(sums + j) * weight).Store(output + j);
            for (; j < n; j++) output[j] = row[j] * sums[j] * weight;
        }
    }
}
