using System.Runtime.Intrinsics;
using TorchSharp;
using VocabTrim.Inference.Cpu;
using static TorchSharp.torch;

namespace VocabTrim.Inference.Mt5;

/// <summary>
/// mT5's encoder stack for float32 on the CPU, with the residual stream stored feature-major ([d_model, n]: one
/// column per token of the batch). In that layout every product is one BLAS call W·X written straight into
/// its destination (the residual adds ride along as addmm's β = 1), and the norms, the attention and the gate
/// are loops over the same memory on the calling thread. The libtorch path needs ~25 ops per layer, with
/// transposes, copies and thread hand-offs between them: at mt0-small shapes they add about half again to the
/// products' ~10 ms for a 32-token prompt, and more at batch 8. Results differ from that path only in
/// summation order (~1e-5 relative).
/// Used for float32 CPU models with inputs up to <see cref="MaxLength"/> tokens and an activation of
/// <see cref="GateActivation"/>; the libtorch path does the rest (GPU, half precision, erf-gelu, hidden states,
/// long inputs, where libtorch's parallel attention wins).
/// </summary>
internal static unsafe class Mt5CpuEncoder
{
    /// <summary>
    /// Longest input taken: the attention runs on one thread, and its share of the work grows with the length
    /// (at 128 tokens it is ~4 % of a layer's multiply-adds).
    /// </summary>
    public const int MaxLength = 128;

    public static bool Applies(Mt5Model model, long length) =>
        model.Device.type == DeviceType.CPU && model.Dtype == ScalarType.Float32 && length is > 0 and <= MaxLength &&
        Vector256.IsHardwareAccelerated && GateActivation.Supports(model.Config.Activation);

    /// <summary>
    /// The encoder's output after its final norm: [batch, seq, d_model], from the embedded input
    /// <paramref name="embedded"/> [batch, seq, d_model] and the attention bias [batch, heads, seq, seq]
    /// (relative positions plus padding masks).
    /// </summary>
    public static Tensor Encode(Mt5Model model, Tensor embedded, Tensor bias)
    {
        var config = model.Config;
        var (batch, length) = ((int)embedded.shape[0], (int)embedded.shape[1]);
        var (d, inner, ff, n) = (config.DModel, config.InnerDim, config.DFf, (long)batch * length);
        var epsilon = (float)config.LayerNormEpsilon;
        using var scope = NewDisposeScope();
        var x = embedded.reshape(n, d).t().contiguous();                           // [d_model, n]: the residual stream
        var normed = empty(d, n);                                                   // [d_model, n]
        var qkv = empty(3L * inner, n);                                             // [3 · inner, n]: q | k | v
        var context = empty(inner, n);                                              // [inner, n]
        var projected = empty(config.GatedFeedForward ? 2L * ff : ff, n);           // [2 · d_ff or d_ff, n]: wi_0 | wi_1
        var gated = empty(ff, n);                                                   // [d_ff, n]
        var biases = bias.contiguous();                                             // [batch, heads, seq, seq]
        var sums = new float[n];
        var scores = new float[length * length];
        fixed (float* sumsPointer = sums)
        fixed (float* scoresPointer = scores)
        {
            float* xp = CpuFloats.Of(x), normedPointer = CpuFloats.Of(normed), qkvPointer = CpuFloats.Of(qkv),
                contextPointer = CpuFloats.Of(context), projectedPointer = CpuFloats.Of(projected), gatedPointer = CpuFloats.Of(gated);
            var biasPointer = CpuFloats.Of(biases);
            foreach (var block in model.EncoderBlocks)
            {
                ColumnRmsNorm.Normalize(xp, d, (int)n, CpuFloats.Of(block.AttentionNorm.Weight), epsilon, normedPointer, sumsPointer);
                qkv.addmm_(block.SelfAttention.QkvWeight, normed, beta: 0);
                ColumnSelfAttention.Attend(qkvPointer, batch, length, config.Heads, config.DKv, biasPointer, contextPointer, scoresPointer);
                x.addmm_(block.SelfAttention.OutputWeight, context);
                ColumnRmsNorm.Normalize(xp, d, (int)n, CpuFloats.Of(block.FeedForwardNorm.Weight), epsilon, normedPointer, sumsPointer);
                projected.addmm_(block.FeedForward.InputWeight, normed, beta: 0);
                GateActivation.Gate(projectedPointer, config.GatedFeedForward ? projectedPointer + ff * n : null, gatedPointer, ff * n, config.Activation);
                x.addmm_(block.FeedForward.OutputWeight, gated);
            }
            ColumnRmsNorm.Normalize(xp, d, (int)n, CpuFloats.Of(model.EncoderNorm.Weight), epsilon, normedPointer, sumsPointer);
        }
        return scope.MoveToOuter(normed.t().reshape(batch, length, d).contiguous()); // [batch, seq, d_model]
    }
}
