using TorchSharp;
using static TorchSharp.torch;

namespace VocabTrim.Inference.Mt5;

/// <summary>
/// T5's learned attention bias by bucketed relative distance: exact buckets for short distances, log-spaced
/// ones up to <c>maxDistance</c>. Only the first layer of each stack owns the table; its bias is reused by
/// every later layer. Encoder buckets are bidirectional (half the buckets for keys after the query); decoder
/// buckets are causal (only keys at or before the query).
/// </summary>
public sealed class RelativePositionBias(Tensor table /* [buckets, heads] */, bool bidirectional, int buckets,
    int maxDistance)
{
    /// <summary>
    /// Bias for queries at positions <c>[queryOffset, queryOffset + queryLength)</c> against keys at
    /// <c>[0, keyLength)</c>: [1, heads, queryLength, keyLength], in the table's dtype.
    /// </summary>
    public Tensor Compute(long queryLength, long keyLength, long queryOffset = 0)
    {
        using var scope = NewDisposeScope();
        var device = table.device;
        var context = arange(queryOffset, queryOffset + queryLength, ScalarType.Int64, device).unsqueeze(1); // [q, 1]
        var memory = arange(0L, keyLength, ScalarType.Int64, device).unsqueeze(0);                           // [1, k]
        var bucket = Buckets(memory - context);                                                             // [q, k]
        // [q*k, heads]
        var bias = table.index_select(0, bucket.flatten())
            .view(queryLength, keyLength, -1)
            .permute(2, 0, 1)
            // [1, heads, q, k]
            .unsqueeze(0);
        return scope.MoveToOuter(bias.contiguous());
    }

    /// <summary>
    /// transformers' <c>_relative_position_bucket</c>, op for op, so that float32 rounding of the log agrees.
    /// </summary>
    internal Tensor Buckets(Tensor relative /* [q, k] int64: key - query */)
    {
        using var scope = NewDisposeScope();
        var n = buckets;
        Tensor result;
        Tensor distance;
        if (bidirectional)
        {
            n /= 2;
            result = relative.gt(0).to(ScalarType.Int64) * n;
            distance = relative.abs();
        }
        else
        {
            result = zeros_like(relative);
            distance = -relative.clamp(max: 0);
        }
        var maxExact = n / 2;
        var isSmall = distance.lt(maxExact);
        var large = (distance.to(ScalarType.Float32) / maxExact).log()
            / Math.Log(maxDistance / (double)maxExact) * (n - maxExact);
        var ifLarge = (large.to(ScalarType.Int64) + maxExact).clamp(max: n - 1);
        return scope.MoveToOuter(result + where(isSmall, distance, ifLarge));
    }
}
