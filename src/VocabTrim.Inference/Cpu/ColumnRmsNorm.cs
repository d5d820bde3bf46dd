using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace VocabTrim.Inference.Cpu;

/// <summary>
/// T5's layer norm (scale by the root mean square, then by a learned weight; no mean, no bias) of every column
/// of a feature-major [d, n] matrix, where each column is one token: y[i, j] = x[i, j] / rms(x[·, j]) · w[i].
/// The sums of squares run along the rows, so every load is contiguous and covers eight tokens at once; each
/// part of a team takes its own columns.
/// </summary>
internal sealed unsafe class ColumnRmsNorm : TeamJob
{
    public float* X;          // [D, N]
    public int D;
    public int N;
    public float* W;          // [D]
    public float Epsilon;
    public float* Y;          // [D, N], not overlapping X
    public float* Sums;       // scratch [N]

    /// <summary>The next norm of the same X: its weight and where it writes.</summary>
    public ColumnRmsNorm Set(float* w, float* y)
    {
        W = w;
        Y = y;
        return this;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void Run(int part, int parts)
    {
        var (first, end) = Share(N, part, parts, grain: 8);
        if (first == end) return;
        var sums = Sums + first;
        var width = (int)(end - first);
        new Span<float>(sums, width).Clear();
        for (var i = 0; i < D; i++)
        {
            var row = X + (long)i * N + first;
            var j = 0;
            for (; j + 8 <= width; j += 8)
            {
                var v = Vector256.Load(row + j);
                Vector256.FusedMultiplyAdd(v, v, Vector256.Load(sums + j)).Store(sums + j);
            }
            for (; j < width; j++) sums[j] += row[j] * row[j];
        }
        for (var j = 0; j < width; j++) sums[j] = 1f / MathF.Sqrt(sums[j] / D + Epsilon);
        for (var i = 0; i < D; i++)
        {
            float* row = X + (long)i * N + first, output = Y + (long)i * N + first;
            var weight = W[i];
            var j = 0;
            for (; j + 8 <= width; j += 8)
                (Vector256.Load(row + j) * Vector256.Load(sums + j) * weight).Store(output + j);
            for (; j < width; j++) output[j] = row[j] * sums[j] * weight;
        }
    }
}
