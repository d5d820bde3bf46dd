using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace VocabTrim.Inference.Cpu;

/// <summary>
/// Multi-head self-attention without scaling, softmax(QᵀK + bias)·Vᵀ, over tokens stored as columns: q, k and v
/// are row blocks of one feature-major [3 · inner, n] matrix whose n = batch · length columns hold each
/// sequence's tokens side by side. Each (sequence, head) is computed on its own with its scores in
/// <c>length × length</c> floats of scratch; both products run along contiguous rows of that layout.
/// </summary>
internal static unsafe class ColumnSelfAttention
{
    /// <summary>
    /// Writes the context of every token into <paramref name="context"/> [inner, n] (row h · d_kv + c is head
    /// h's feature c). <paramref name="bias"/> [batch, heads, length, length] holds position bias and padding
    /// masks as one additive term, as the libtorch path adds it to the scores.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Attend(float* qkv, int batch, int length, int heads, int dKv, float* bias, float* context, float* scores)
    {
        var n = (long)batch * length;
        var inner = (long)heads * dKv;
        for (var b = 0; b < batch; b++)
        for (var h = 0; h < heads; h++)
        {
            var column = (long)b * length;
            float* q = qkv + h * dKv * n + column, k = q + inner * n, v = k + inner * n;
            Scores(q, k, n, length, dKv, scores);
            Softmax(scores, bias + ((long)b * heads + h) * length * length, length);
            Mix(scores, v, n, length, dKv, context + h * dKv * n + column);
        }
    }

    // s[i, j] = Σ_c q[c, i] · k[c, j]: one multiply-add of k's row c into score row i per (c, i).
    private static void Scores(float* q, float* k, long n, int length, int dKv, float* s)
    {
        new Span<float>(s, length * length).Clear();
        for (var c = 0; c < dKv; c++)
        {
            float* qc = q + c * n, kc = k + c * n;
            for (var i = 0; i < length; i++)
            {
                var row = s + i * length;
                var qi = Vector256.Create(qc[i]);
                var j = 0;
                for (; j + 8 <= length; j += 8) Vector256.FusedMultiplyAdd(qi, Vector256.Load(kc + j), Vector256.Load(row + j)).Store(row + j);
                for (; j < length; j++) row[j] += qc[i] * kc[j];
            }
        }
    }

    // Each row i of s becomes softmax(s[i] + bias[i]) in place.
    private static void Softmax(float* s, float* bias, int length)
    {
        for (var i = 0; i < length; i++)
        {
            float* row = s + i * length, add = bias + i * length;
            var max = float.NegativeInfinity;
            for (var j = 0; j < length; j++)
            {
                row[j] += add[j];
                max = MathF.Max(max, row[j]);
            }
            var sum = 0f;
            var j2 = 0;
            for (; j2 + 8 <= length; j2 += 8)
            {
                var e = Vector256.Exp(Vector256.Load(row + j2) - Vector256.Create(max));
                e.Store(row + j2);
                sum += Vector256.Sum(e);
            }
            for (; j2 < length; j2++) sum += row[j2] = MathF.Exp(row[j2] - max);
            var inverse = 1f / sum;
            for (var j = 0; j < length; j++) row[j] *= inverse;
        }
    }

    // out[c, i] = Σ_j p[i, j] · v[c, j]: a dot product of two contiguous rows per (c, i).
    private static void Mix(float* p, float* v, long n, int length, int dKv, float* output)
    {
        for (var c = 0; c < dKv; c++)
        {
            float* vc = v + c * n, oc = output + c * n;
            for (var i = 0; i < length; i++)
            {
                var row = p + i * length;
                var acc = Vector256<float>.Zero;
                var j = 0;
                for (; j + 8 <= length; j += 8) acc = Vector256.FusedMultiplyAdd(Vector256.Load(row + j), Vector256.Load(vc + j), acc);
                var sum = Vector256.Sum(acc);
                for (; j < length; j++) sum += row[j] * vc[j];
                oc[i] = sum;
            }
        }
    }
}
