using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using VocabTrim.Inference.Mt5;

namespace VocabTrim.Inference.Cpu;

/// <summary>
/// The feed-forward activations the fused CPU paths take, in the formulas of torch's float32 kernels
/// (gelu's tanh approximation, relu, silu). tanh(u) is taken as 1 − 2 / (e^{2u} + 1): within ~1e-7 of tanh,
/// which gelu's 0.5·x·(1 + tanh) carries as an absolute error of the same size. A scalar tanh per element
/// cost as much as the products around it.
/// </summary>
internal static unsafe class GateActivation
{
    private const float Sqrt2OverPi = 0.7978845608028654f;

    /// <summary>Whether <paramref name="activation"/> has a kernel here (erf-gelu is left to libtorch).</summary>
    public static bool Supports(FeedForwardActivation activation) =>
        activation is FeedForwardActivation.GeluTanh or FeedForwardActivation.Relu or FeedForwardActivation.Silu;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Apply(Vector256<float> x, FeedForwardActivation activation)
    {
        switch (activation)
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
                throw new InvalidOperationException($"{activation} has no fused kernel");
        }
    }

    public static float Apply(float x, FeedForwardActivation activation) => activation switch
    {
        FeedForwardActivation.GeluTanh => 0.5f * x * (1f + MathF.Tanh(Sqrt2OverPi * (x + 0.044715f * x * x * x))),
        FeedForwardActivation.Relu => x > 0 ? x : 0,
        FeedForwardActivation.Silu => x / (1f + MathF.Exp(-x)),
        _ => throw new InvalidOperationException($"{activation} has no fused kernel"),
    };

    /// <summary>
    /// g[i] = act(a[i]) ⊙ b[i] for <paramref name="count"/> floats, or g[i] = act(a[i]) when <paramref name="b"/>
    /// is null (an ungated feed-forward).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Gate(float* a, float* b, float* g, long count, FeedForwardActivation activation)
    {
        var i = 0L;
        for (; i + 8 <= count; i += 8)
        {
            var y = Apply(Vector256.Load(a + i), activation);
            (b is null ? y : y * Vector256.Load(b + i)).Store(g + i);
        }
        for (; i < count; i++) g[i] = b is null ? Apply(a[i], activation) : Apply(a[i], activation) * b[i];
    }
}
