using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace VocabTrim.Inference.Cpu;

/// <summary>
/// Attention of one new query per sequence and head over cached keys/values (T5: no 1/√d scaling; the bias
/// carries positions and masks): ctx = softmax(q·Kᵀ + bias)·V. The (sequence, head) pairs are split between
/// the team's parts. For self-attention the step's own key and value are first stored at the last cached
/// position; each pair writes only its own slot, so parts never touch the same memory.
/// </summary>
internal sealed unsafe class SingleQueryAttentionJob : TeamJob
{
    /// <summary>
    /// Keys up to which a part keeps its scores on the stack (settable so tests reach the other way).
    /// </summary>
    internal static int StackScores = 4096;

    public int Batch;
    public int Heads;
    public int DKv;
    public float* Queries;       // per sequence b, head h: Queries + b·QueryStride + h·DKv
    public long QueryStride;
    public float* NewKeys;       // null, or like Queries: this step's key and value, stored at Length - 1
    public float* NewValues;
    public float* Keys;          // [Batch, Heads, Capacity, DKv]
    public float* Values;        // [Batch, Heads, Capacity, DKv]
    public long Capacity;
    public int Length;           // keys to attend to: [0, Length)
    public float* Bias;          // bias of key j: Bias + b·BiasBatchStride + h·BiasHeadStride + j
    public long BiasBatchStride;
    public long BiasHeadStride;
    public float* Context;       // [Batch, Heads · DKv]

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void Run(int part, int parts)
    {
        var (first, end) = Share((long)Batch * Heads, part, parts, grain: 1);
        // A long encoder input (tens of thousands of tokens) would not fit a worker's stack.
        var pooled = Length > StackScores ? ArrayPool<float>.Shared.Rent(Length) : null;
        var scores = pooled is null ? stackalloc float[Length] : pooled.AsSpan(0, Length);
        try { RunUnits(first, end, scores); }
        finally { if (pooled is not null) ArrayPool<float>.Shared.Return(pooled); }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void RunUnits(long first, long end, Span<float> scores)
    {
        for (var unit = first; unit < end; unit++)
        {
            var (b, h) = ((int)(unit / Heads), (int)(unit % Heads));
            var q = Queries + b * QueryStride + h * DKv;
            var offset = ((long)b * Heads + h) * Capacity * DKv;
            float* keys = Keys + offset, values = Values + offset;
            if (NewKeys != null)
            {
                var slot = (long)(Length - 1) * DKv;
                new ReadOnlySpan<float>(NewKeys + b * QueryStride + h * DKv, DKv)
                    .CopyTo(new Span<float>(keys + slot, DKv));
                new ReadOnlySpan<float>(NewValues + b * QueryStride + h * DKv, DKv)
                    .CopyTo(new Span<float>(values + slot, DKv));
            }
            var bias = Bias + b * BiasBatchStride + h * BiasHeadStride;
            var max = float.NegativeInfinity;
            for (var j = 0; j < Length; j++)
            {
                scores[j] = RowKernels.Dot(q, keys + (long)j * DKv, DKv) + bias[j];
                if (scores[j] > max) max = scores[j];
            }
            var sum = 0f;
            for (var j = 0; j < Length; j++) sum += scores[j] = MathF.Exp(scores[j] - max);
            var scale = 1f / sum;
            fixed (float* weights = scores) WeightedSum(weights, scale, values, Length, DKv,
                Context + (long)b * Heads * DKv + h * DKv);
        }
    }

    // out = Σ_j (weights[j] · scale) · values[j]
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void WeightedSum(float* weights, float scale, float* values, int length, int d, float* output)
    {
        var e = 0;
        for (; e + 8 <= d; e += 8)
        {
            var acc = Vector256<float>.Zero;
            for (var j = 0; j < length; j++)
                acc = Vector256.FusedMultiplyAdd(Vector256.Create(weights[j] * scale),
                    Vector256.Load(values + (long)j * d + e), acc);
            acc.Store(output + e);
        }
        for (; e < d; e++)
        {
            var acc = 0f;
            for (var j = 0; j < length; j++) acc += weights[j] * scale * values[(long)j * d + e];
            output[e] = acc;
        }
    }
}
