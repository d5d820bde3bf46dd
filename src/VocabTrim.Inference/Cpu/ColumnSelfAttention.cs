using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace VocabTrim.Inference.Cpu;

/// <summary>
/// Multi-head self-attention without scaling, softmax(QᵀK + bias)·Vᵀ, over tokens stored as columns: q, k and v
/// are row blocks of one feature-major [3 · inner, n] matrix whose n = batch · length columns hold each
/// sequence's tokens side by side. Each (sequence, head) is computed on its own with its scores in
/// <c>length × length</c> floats of scratch; both products run along contiguous rows of that layout. Each part
/// of a team takes its own (sequence, head) pairs and its own scratch.
/// </summary>
internal sealed unsafe class ColumnSelfAttention : TeamJob
{
    public float* Qkv;        // [3 · Heads · DKv, Batch · Length]
    public int Batch;
    public int Length;
    public int Heads;
    public int DKv;
    public float* Bias;       // [Batch, Heads, Length, Length]: position bias and padding masks as one additive term
    public float* Context;    // [Heads · DKv, Batch · Length]: row h · d_kv + c is head h's feature c
    public float* Scores;     // scratch [parts, Length, Length]

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void Run(int part, int parts)
    {
        var n = (long)Batch * Length;
        var inner = (long)Heads * DKv;
        var scores = Scores + (long)part * Length * Length;
        var (first, end) = Share((long)Batch * Heads, part, parts, grain: 1);
        for (var pair = first; pair < end; pair++)
        {
            var (b, h) = ((int)(pair / Heads), (int)(pair % Heads));
            var column = (long)b * Length;
            float* q = Qkv + h * DKv * n + column, k = q + inner * n, v = k + inner * n;
            ScoresOf(q, k, n, Length, DKv, scores);
            Softmax(scores, Bias + ((long)b * Heads + h) * Length * Length, Length);
            Mix(scores, v, n, Length, DKv, Context + h * DKv * n + column);
        }
    }

    // s[i, j] = Σ_c q[c, i] · k[c, j]: one multiply-add of k's row c into score row i per (c, i).
    private static void ScoresOf(float* q, float* k, long n, int length, int dKv, float* s)
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
                for (; j + 8 <= length; j += 8) Vector256.FusedMultiplyAdd(qi, Vector256.Load(kc + j),
                    Vector256.Load(row + j)).Store(row + j);
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
                for (; j + 8 <= length; j += 8) acc = Vector256.FusedMultiplyAdd(Vector256.Load(row + j),
                    Vector256.Load(vc + j), acc);
                var sum = Vector256.Sum(acc);
                for (; j < length; j++) sum += row[j] * vc[j];
                oc[i] = sum;
            }
        }
    }
}
