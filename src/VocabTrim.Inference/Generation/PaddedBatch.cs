using TorchSharp;
using static TorchSharp.torch;

namespace VocabTrim.Inference.Generation;

/// <summary>
/// Sequences of different lengths as one rectangle of ids plus a mask (1 = token, 0 = padding).
/// Encoders pad on the right; decoder-only models pad on the left so that every sequence's last token is
/// in the last column and new tokens line up.
/// </summary>
public sealed class PaddedBatch : IDisposable
{
    private PaddedBatch(Tensor ids, Tensor mask)
    {
        Ids = ids;
        Mask = mask;
    }

    /// <summary>[batch, length] int64.</summary>
    public Tensor Ids { get; }

    /// <summary>[batch, length] int64: 1 for tokens, 0 for padding.</summary>
    public Tensor Mask { get; }

    public static PaddedBatch Right(IReadOnlyList<IReadOnlyList<long>> sequences, long padId, Device device) =>
        Build(sequences, padId, device, left: false);

    public static PaddedBatch Left(IReadOnlyList<IReadOnlyList<long>> sequences, long padId, Device device) =>
        Build(sequences, padId, device, left: true);

    private static PaddedBatch Build(IReadOnlyList<IReadOnlyList<long>> sequences, long padId, Device device, bool left)
    {
        if (sequences.Count == 0) throw new ArgumentException("no sequences", nameof(sequences));
        if (sequences.Any(s => s.Count == 0)) throw new ArgumentException("empty sequence: every input needs at " +
            "least one token", nameof(sequences));
        var length = sequences.Max(s => s.Count);
        var ids = new long[sequences.Count * length];
        var mask = new long[ids.Length];
        Array.Fill(ids, padId);
        for (var i = 0; i < sequences.Count; i++)
        {
            var start = i * length + (left ? length - sequences[i].Count : 0);
            for (var j = 0; j < sequences[i].Count; j++)
            {
                ids[start + j] = sequences[i][j];
                mask[start + j] = 1;
            }
        }
        return new PaddedBatch(
            tensor(ids, [sequences.Count, length], ScalarType.Int64, device).DetachFromDisposeScope(),
            tensor(mask, [sequences.Count, length], ScalarType.Int64, device).DetachFromDisposeScope());
    }

    public void Dispose()
    {
        Ids.Dispose();
        Mask.Dispose();
    }
}
