using System.Runtime.Intrinsics;
using TorchSharp;
using VocabTrim.Inference.Cpu;
using static TorchSharp.torch;

namespace VocabTrim.Inference.Mt5;

/// <summary>
/// mT5's encoder stack for float32 on the CPU, with the residual stream stored feature-major ([d_model, n]: one
/// column per token of the batch). In that layout every product is one BLAS call W·X written straight into
/// its destination (the residual adds ride along as addmm's β = 1), and the norms, the attention and the gate
/// are loops over the same memory, split between the products over libtorch's own OpenMP threads
/// (<see cref="OpenMpTeam"/>). The libtorch path needs ~25 ops per layer, with transposes, copies and thread
/// hand-offs between them, which at mt0-small shapes add about half again to the products' time. Results differ from
/// that path only in summation order (~1e-5 relative). Used for float32 CPU models with inputs up to
/// <see cref="MaxLength"/> tokens and an activation of <see cref="GateActivation"/>; the libtorch path does the rest
/// (GPU, half precision, erf-gelu, hidden states, long inputs, where libtorch's parallel attention wins).
/// </summary>
internal static unsafe class Mt5CpuEncoder
{
    /// <summary>
    /// Longest input taken, the longest measured: the attention's share of the work grows with the length (at 128
    /// tokens it is ~4 % of a layer's multiply-adds), and its loops are not blocked for caches as libtorch's are.
    /// </summary>
    public const int MaxLength = 128;

    public static bool Applies(Mt5Model model, long length) => FusedCpuPath.Enabled &&
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
        using var scope = NewDisposeScope();
        var x = embedded.reshape(n, d).t().contiguous();                           // [d_model, n]: the residual stream
        var normed = empty(d, n);                                                   // [d_model, n]
        var qkv = empty(3L * inner, n);                                             // [3 · inner, n]: q | k | v
        var context = empty(inner, n);                                              // [inner, n]
        // [2 · d_ff or d_ff, n]: wi_0 | wi_1
        var projected = empty(config.GatedFeedForward ? 2L * ff : ff, n);
        var gated = empty(ff, n);                                                   // [d_ff, n]
        var biases = bias.contiguous();                                             // [batch, heads, seq, seq]
        // The loops between the products share libtorch's OpenMP threads, which wait for the next product anyway;
        // without them (no libgomp found) they run on this thread alone.
        using var team = (ITeam?)OpenMpTeam.TryCreate(get_num_threads()) ?? new ThreadTeam(1);
        using var sums = new ScratchBuffer(n);
        using var scores = new ScratchBuffer((long)team.Size * length * length);
        var norm = new ColumnRmsNorm
        {
            X = CpuFloats.Of(x), D = d, N = (int)n, Epsilon = (float)config.LayerNormEpsilon,
            Sums = sums.Pointer
        };
        var attention = new ColumnSelfAttention
        {
            Qkv = CpuFloats.Of(qkv), Batch = batch, Length = length, Heads = config.Heads, DKv = config.DKv,
            Bias = CpuFloats.Of(biases), Context = CpuFloats.Of(context), Scores = scores.Pointer,
        };
        var projectedPointer = CpuFloats.Of(projected);
        var gate = new GateJob
        {
            A = projectedPointer, B = config.GatedFeedForward ? projectedPointer + ff * n : null,
            G = CpuFloats.Of(gated), Count = ff * n,
            Activation = config.Activation,
        };
        var normedPointer = CpuFloats.Of(normed);
        for (var i = 0; i < model.EncoderBlocks.Count; i++)
        {
            model.BringEncoderLayer(i);
            var block = model.EncoderBlocks[i];
            team.Run(norm.Set(CpuFloats.Of(block.AttentionNorm.Weight), normedPointer));
            qkv.addmm_(block.SelfAttention.QkvWeight, normed, beta: 0);
            team.Run(attention);
            x.addmm_(block.SelfAttention.OutputWeight, context);
            team.Run(norm.Set(CpuFloats.Of(block.FeedForwardNorm.Weight), normedPointer));
            projected.addmm_(block.FeedForward.InputWeight, normed, beta: 0);
            team.Run(gate);
            x.addmm_(block.FeedForward.OutputWeight, gated);
        }
        team.Run(norm.Set(CpuFloats.Of(model.EncoderNorm.Weight), normedPointer));
        return scope.MoveToOuter(normed.t().reshape(batch, length, d).contiguous()); // [batch, seq, d_model]
    }
}
