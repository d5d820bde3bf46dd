using TorchSharp;
using static TorchSharp.torch;

namespace VocabTrim.Inference.Llama;

/// <summary>
/// Rotary position embeddings as transformers' LlamaRotaryEmbedding computes them: the head dimension is split
/// in halves (x1, x2) — not interleaved pairs — and a vector at position p becomes x·cos(p·θ) + (−x2, x1)·sin(p·θ),
/// with θ_i = rope_theta^(−2i / head_dim) for i &lt; head_dim / 2, the same θ for both halves. Angles and their
/// cosines are computed in float32 (float64 for a float64 model) and then cast to the compute dtype, as
/// transformers does, since bfloat16 angles would be wrong by whole radians at long positions.
/// </summary>
public sealed class RotaryEmbedding : IDisposable
{
    private readonly Tensor _inverseFrequencies;   // [head_dim / 2] in float32 or float64

    public RotaryEmbedding(int headDim, double theta, RopeScaling? scaling, ScalarType dtype, Device device)
    {
        AngleType = dtype == ScalarType.Float64 ? ScalarType.Float64 : ScalarType.Float32;
        _inverseFrequencies = InverseFrequencies(headDim, theta, scaling, AngleType, device).DetachFromDisposeScope();
    }

    /// <summary>float32, or float64 for a float64 model.</summary>
    public ScalarType AngleType { get; }

    /// <summary>
    /// θ [head_dim / 2] in <paramref name="type"/>, op for op as transformers' rope init functions (default and
    /// llama3) so that float32 results round alike. With llama3 scaling, wavelength λ = 2π/θ:
    /// λ &lt; L/high_freq_factor keeps θ; λ &gt; L/low_freq_factor takes θ/factor; between, s = (L/λ − low)/(high −
    /// low) blends them as (1 − s)·θ/factor + s·θ, where L = original_max_position_embeddings.
    /// </summary>
    public static Tensor InverseFrequencies(int headDim, double theta, RopeScaling? scaling, ScalarType type,
        Device device)
    {
        using var scope = NewDisposeScope();
        var exponents = arange(0L, headDim, 2L, ScalarType.Int64, device).to(type) / headDim;      // [head_dim / 2]
        var inverse = pow(tensor(theta, type, device), exponents).reciprocal();                     // [head_dim / 2]
        if (scaling is { } s)
        {
            var lowFreqWavelength = s.OriginalMaxPositionEmbeddings / s.LowFreqFactor;
            var highFreqWavelength = s.OriginalMaxPositionEmbeddings / s.HighFreqFactor;
            var wavelength = inverse.reciprocal() * (2 * Math.PI);
            var scaled = where(wavelength.gt(lowFreqWavelength), inverse / s.Factor, inverse);
            var smooth = (wavelength.reciprocal() * s.OriginalMaxPositionEmbeddings - s.LowFreqFactor)
                / (s.HighFreqFactor - s.LowFreqFactor);
            var smoothed = (1 - smooth) * scaled / s.Factor + smooth * scaled;
            var medium = wavelength.lt(highFreqWavelength).logical_not()
                .logical_and(wavelength.gt(lowFreqWavelength).logical_not());
            inverse = where(medium, smoothed, scaled);
        }
        return scope.MoveToOuter(inverse);
    }

    /// <summary>
    /// cos and sin of the angles at <paramref name="positions"/> [batch, new] (int64): 2 × [batch, 1, new, head_dim] in
    /// <paramref name="dtype"/>.
    /// </summary>
    public (Tensor Cos, Tensor Sin) At(Tensor positions, ScalarType dtype)
    {
        using var scope = NewDisposeScope();
        // [batch, new, head_dim / 2]
        var angles = positions.to(AngleType).unsqueeze(-1) * _inverseFrequencies;
        // [batch, 1, new, head_dim]
        var both = cat([angles, angles], -1).unsqueeze(1);
        var cos = both.cos().to(dtype);
        var sin = both.sin().to(dtype);
        return (scope.MoveToOuter(cos), scope.MoveToOuter(sin));
    }

    /// <summary>Rotates <paramref name="x"/> [batch, heads, new, head_dim] by the angles of <see cref="At"/>.</summary>
    public static Tensor Apply(Tensor x, Tensor cos, Tensor sin)
    {
        using var scope = NewDisposeScope();
        var half = x.shape[^1] / 2;
        var rotated = cat([x.narrow(-1, half, half).neg(), x.narrow(-1, 0, half)], -1);            // (−x2, x1)
        return scope.MoveToOuter(x * cos + rotated * sin);
    }

    public void Dispose() => _inverseFrequencies.Dispose();
}
