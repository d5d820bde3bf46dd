using System.Runtime.Intrinsics;
using TorchSharp;
using static TorchSharp.torch;

namespace VocabTrim.Inference.Generation;

/// <summary>
/// The greedy token of each row of a step's logits [batch, vocab], as torch's argmax picks it: the first index
/// of the largest value, and the first NaN where there is one. Float32 logits on the CPU are scanned here:
/// libtorch's argmax took a few percent of a decoding step at batch 1 (docs/performance.md); the scan reads them
/// once more from cache.
/// </summary>
public static unsafe class GreedyChoice
{
    public static long[] Of(Tensor logits /* [batch, vocab] */)
    {
        if (logits.dim() != 2 || logits.shape[1] == 0)
            throw new ArgumentException("expected a step's logits [batch, vocab], got " +
                $"[{string.Join(", ", logits.shape)}]", nameof(logits));
        if (logits.device_type != DeviceType.CPU || logits.dtype != ScalarType.Float32 || !logits.is_contiguous()
            || !Vector256.IsHardwareAccelerated)
        {
            using var picked = logits.argmax(-1).cpu();
            return picked.data<long>().ToArray();
        }
        var (batch, vocab) = (logits.shape[0], logits.shape[1]);
        var tokens = new long[batch];
        fixed (byte* bytes = logits.bytes)
            for (var b = 0; b < batch; b++)
                tokens[b] = Row((float*)bytes + b * vocab, vocab);
        return tokens;
    }

    /// <summary>The index torch's argmax gives for one row of logits.</summary>
    public static long Of(ReadOnlySpan<float> row)
    {
        fixed (float* pointer = row) return Row(pointer, row.Length);
    }

    /// <summary>The index torch's argmax gives for <paramref name="count"/> floats at <paramref name="row"/>.</summary>
    internal static long Row(float* row, long count)
    {
        var max = Vector256.Create(float.NegativeInfinity);
        var ordered = Vector256<int>.AllBitsSet;
        var i = 0L;
        for (; i + 8 <= count; i += 8)
        {
            var v = Vector256.Load(row + i);
            ordered &= Vector256.Equals(v, v).AsInt32();  // NaN is the only value unequal to itself
            max = Vector256.Max(max, v);
        }
        var best = float.NegativeInfinity;
        var nan = ordered != Vector256<int>.AllBitsSet;
        for (var lane = 0; lane < 8; lane++) best = MathF.Max(best, max[lane]);
        for (; i < count; i++)
        {
            nan |= float.IsNaN(row[i]);
            best = MathF.Max(best, row[i]);
        }
        for (var j = 0L; j < count; j++)
            if (nan ? float.IsNaN(row[j]) : row[j] == best) return j;
        return 0;
    }
}
