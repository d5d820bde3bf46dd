using TorchSharp;
using static TorchSharp.torch;

namespace VocabTrim.Inference.Bloom;

/// <summary>
/// ALiBi: each head adds slope × key position to its attention scores, in place of position embeddings.
/// Slopes form a geometric series 2^(-8/n), 2^(-16/n)... for n heads; when n is not a power of two, the first
/// 2^⌊log2 n⌋ heads take that series and the rest take every other term of the series for twice as many
/// heads (transformers' build_alibi_tensor). Positions count real tokens only (cumulative mask), so a
/// left-padded prompt gets the same biases as the unpadded one.
/// </summary>
public static class AlibiBias
{
    /// <summary>The per-head slopes [heads] in float32, computed as transformers computes them.</summary>
    public static Tensor Slopes(int heads, Device device)
    {
        using var scope = NewDisposeScope();
        var closest = 1 << (int)Math.Floor(Math.Log2(heads));
        var bases = tensor(Math.Pow(2, -Math.Pow(2, -(Math.Log2(closest) - 3))), ScalarType.Float32, device);
        var slopes = pow(bases, arange(1, 1 + closest, ScalarType.Int32, device));
        if (closest != heads)
        {
            var extraBase = tensor(Math.Pow(2, -Math.Pow(2, -(Math.Log2(2 * closest) - 3))), ScalarType.Float32,
                device);
            var remaining = Math.Min(closest, heads - closest);
            var extra = pow(extraBase, arange(1, 1 + 2 * remaining, 2, ScalarType.Int32, device));
            slopes = cat([slopes, extra], 0);
        }
        return scope.MoveToOuter(slopes.to(ScalarType.Float32));                      // [heads]
    }

    /// <summary>
    /// Biases for <paramref name="mask"/> [batch, keys] (1 = token): [batch, heads, 1, keys] in
    /// <paramref name="dtype"/>. Padding positions get position 0; they are masked anyway.
    /// </summary>
    public static Tensor Build(Tensor mask, int heads, ScalarType dtype)
    {
        using var scope = NewDisposeScope();
        var positions = ((mask.cumsum(-1) - 1) * mask).unsqueeze(1);                  // [batch, 1, keys] int64
        var slopes = Slopes(heads, mask.device).unsqueeze(-1);                         // [heads, 1]
        // [batch, heads, 1, keys] float32
        var alibi = (slopes * positions).unsqueeze(2);
        return scope.MoveToOuter(alibi.to(dtype));
    }
}
