using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using TorchSharp;
using static TorchSharp.torch;

namespace VocabTrim.Inference.Mt5;

/// <summary>
/// T5's layer norm for the few float32 rows of a decoding step, in one pass per row instead of six libtorch
/// ops (each a dispatch and an allocation: the norms alone were ~150 ops per step). Same formula and
/// float32 arithmetic as <see cref="T5LayerNorm"/>; only the order of the sum of squares differs.
/// </summary>
internal static unsafe class RmsNormRows
{
    public static bool Applies(Tensor x, Tensor weight) =>
        FewRowProduct.Threads > 0 && x.dtype == ScalarType.Float32 && weight.dtype == ScalarType.Float32 &&
        x.device_type == DeviceType.CPU && x.is_contiguous()
            && x.NumberOfElements <= FewRowProduct.MaxRows * weight.shape[0];

    public static Tensor Forward(Tensor x /* [..., d] */, Tensor weight /* [d] */, double epsilon)
    {
        var d = (int)weight.shape[0];
        var rows = (int)(x.NumberOfElements / d);
        var output = empty(x.shape, ScalarType.Float32, x.device);
        fixed (byte* xb = x.bytes)
        fixed (byte* wb = weight.bytes)
        fixed (byte* yb = output.bytes)
            Normalize((float*)xb, rows, d, (float*)wb, (float)epsilon, (float*)yb);
        return output;
    }

    /// <summary>y[r] = x[r] / rms(x[r]) ⊙ w for <paramref name="rows"/> rows of <paramref name="d"/> floats.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Normalize(float* xs, int rows, int d, float* w, float epsilon, float* ys)
    {
        for (var r = 0; r < rows; r++)
        {
            float* row = xs + r * d, y = ys + r * d;
            var acc = Vector256<float>.Zero;
            var k = 0;
            for (; k + 8 <= d; k += 8)
            {
                var v = Vector256.Load(row + k);
                acc = Vector256.FusedMultiplyAdd(v, v, acc);
            }
            var sum = Vector256.Sum(acc);
            for (; k < d; k++) sum += row[k] * row[k];
            var scale = 1f / MathF.Sqrt(sum / d + epsilon);
            for (k = 0; k + 8 <= d; k += 8)
                (Vector256.Load(row + k) * scale * Vector256.Load(w + k)).Store(y + k);
            for (; k < d; k++) y[k] = row[k] * scale * w[k];
        }
    }
}
