using TorchSharp;
using static TorchSharp.torch;

namespace VocabTrim.Inference;

/// <summary>
/// Masks as additive biases: blocked positions get the dtype's most negative finite value (as transformers
/// does), not -inf, so a row that is blocked entirely (a padding query) softmaxes to finite numbers instead
/// of NaN that would leak through later matrix products.
/// </summary>
public static class AttentionMask
{
    public static double MinValue(ScalarType dtype) => dtype switch
    {
        ScalarType.Float32 => float.MinValue,
        ScalarType.Float16 => -65504.0,
        ScalarType.BFloat16 => -3.3895313892515355e38,
        ScalarType.Float64 => double.MinValue,
        _ => throw new ArgumentOutOfRangeException(nameof(dtype), dtype, "not a floating-point dtype"),
    };

    /// <summary><paramref name="blocked"/> (bool, any shape) as 0 / MinValue in <paramref name="dtype"/>.</summary>
    public static Tensor Additive(Tensor blocked, ScalarType dtype)
    {
        using var scope = NewDisposeScope();
        var bias = zeros(blocked.shape, dtype, blocked.device).masked_fill(blocked, MinValue(dtype));
        return scope.MoveToOuter(bias);
    }

    /// <summary>
    /// Causal blocking for queries at <c>[past, past + queries)</c> over keys <c>[0, past + queries)</c>: [queries,
    /// keys] bool.
    /// </summary>
    public static Tensor CausalBlocked(long queries, long past, Device device)
    {
        using var scope = NewDisposeScope();
        var queryPositions = arange(past, past + queries, ScalarType.Int64, device).unsqueeze(1); // [queries, 1]
        var keyPositions = arange(0L, past + queries, ScalarType.Int64, device).unsqueeze(0);     // [1, keys]
        return scope.MoveToOuter(keyPositions.gt(queryPositions));                                // [queries, keys]
    }

    /// <summary>
    /// What decoder-only queries at <c>[past, past + queries)</c> may not see: later positions and left padding, which
    /// <paramref name="mask"/> [batch, past + queries] marks 0 (tokens 1). [batch, 1, queries, keys] bool.
    /// </summary>
    public static Tensor CausalOrPaddingBlocked(Tensor mask, long queries, long past)
    {
        var keys = past + queries;
        if (mask.shape[1] != keys)
            throw new ArgumentException($"mask covers {mask.shape[1]} positions, expected {keys}", nameof(mask));
        using var scope = NewDisposeScope();
        var blocked = CausalBlocked(queries, past, mask.device).unsqueeze(0)  // [1, queries, keys]
            .logical_or(mask.eq(0).unsqueeze(1))                              // [batch, queries, keys]
            .unsqueeze(1);                                                    // [batch, 1, queries, keys]
        return scope.MoveToOuter(blocked);
    }
}
