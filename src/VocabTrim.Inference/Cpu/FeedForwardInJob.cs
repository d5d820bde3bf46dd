using System.Runtime.CompilerServices;
using VocabTrim.Inference.Mt5;

namespace VocabTrim.Inference.Cpu;

/// <summary>
/// The first half of a T5 feed-forward for a step's rows: g = act(x·W₀ᵀ) ⊙ x·W₁ᵀ when gated (W₀ and W₁ stacked
/// as one [2 · d_ff, d_model] weight), else g = act(x·Wᵀ). Each part takes the same slice of both halves, so
/// it can apply the gate to its own outputs without waiting for the others.
/// </summary>
internal sealed unsafe class FeedForwardInJob : TeamJob
{
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
        if (Gated) RowKernels.Multiply(X, Rows, In, W + (long)Ff * In, In, Projected + Ff, width, first, end,
            accumulate: false);
        for (var r = 0; r < Rows; r++)
        {
            var p = Projected + r * width + first;
            GateActivation.Gate(p, Gated ? p + Ff : null, G + (long)r * Ff + first, end - first, Activation);
        }
    }
}
