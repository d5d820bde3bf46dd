using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using VocabTrim.Inference.Mt5;

namespace VocabTrim.Inference.Cpu;

/// <summary>
/// The first half of a T5 feed-forward for a step's rows: g = act(x·W₀ᵀ) ⊙ x·W₁ᵀ when gated (W₀ and W₁ stacked
/// as one [2 · d_ff, d_model] weight), else g = act(x·Wᵀ). Each part takes the same slice of both halves, so
/// it can apply the gate to its own outputs without waiting for the others.
/// </summary>
internal sealed unsafe class FeedForwardInJob : TeamJob
{
    private const float Sqrt2OverPi = 0.7978845608028654f;

    public float* X;          // [Rows, In]
    public int Rows;
    public float* W;          // [d_ff or 2 · d_ff, In]
    public int In;
    public int Ff;
    public bool Gated;
    public FeedForwardActivation Activation;
    public float* Projected;  // scratch [Rows, 2 · d_ff]
    public float* G;          // [Rows, d_ff]

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void Run(int part, int parts)
    {
        var (first, end) = Share(Ff, part, parts);
        var width = Gated ? 2L * Ff : Ff;
        RowKernels.Multiply(X, Rows, In, W, In, Projected, width, first, end, accumulate: false);
        if (Gated) RowKernels.Multiply(X, Rows, In, W + (long)Ff * In, In, Projected + Ff, width, first, end, accumulate: false);
        for (var r = 0; r < Rows; r++)
        {
            float* p = Projected + r * width, g = G + (long)r * Ff;
            var j = first;
            for (; j + 8 <= end; j += 8)
            {
                var a = Activate(Vector256.Load(p + j));
                (Gated ? a * Vector256.Load(p + Ff + j) : a).Store(g + j);
            }
            for (; j < end; j++) g[j] = Gated ? Activate(p[j]) * p[Ff + j] : Activate(p[j]);
        }
    }

    // The formulas of torch's float32 kernels (gelu's tanh approximation, relu, silu). tanh(u) is taken as
    // 1 − 2 / (e^{2u} + 1): within ~1e-7 of tanh, which gelu's 0.5·x·(1 + tanh) carries as an absolute error
    // of the same size. A scalar tanh per element cost as much as the products around it.
    private Vector256<float> Activate(Vector256<float> x)
    {
        switch (Activation)
        {
            case FeedForwardActivation.GeluTanh:
                var u = Vector256.Create(Sqrt2OverPi) * (x + Vector256.Create(0.044715f) * x * x * x);
                var tanh = Vector256<float>.One - Vector256.Create(2f) / (Vector256.Exp(u + u) + Vector256<float>.One);
                return Vector256.Create(0.5f) * x * (Vector256<float>.One + tanh);
            case FeedForwardActivation.Relu:
                return Vector256.Max(x, Vector256<float>.Zero);
            case FeedForwardActivation.Silu:
                return x / (Vector256<float>.One + Vector256.Exp(-x));
            default:
                throw new InvalidOperationException($"{Activation} has no fused-step kernel");
        }
    }

    private float Activate(float x) => Activation switch
    {
        FeedForwardActivation.GeluTanh => 0.5f * x * (1f + MathF.Tanh(Sqrt2OverPi * (x + 0.044715f * x * x * x))),
        FeedForwardActivation.Relu => x > 0 ? x : 0,
        FeedForwardActivation.Silu => x / (1f + MathF.Exp(-x)),
        _ => throw new InvalidOperationException($"{Activation} has no fused-step kernel"),
    };

    /// <summary>Whether <see cref="Activate"/> covers <paramref name="activation"/> (erf-gelu is left to libtorch).</summary>
    public static bool Supports(FeedForwardActivation activation) =>
        activation is FeedForwardActivation.GeluTanh or FeedForwardActivation.Relu or FeedForwardActivation.Silu;
}
