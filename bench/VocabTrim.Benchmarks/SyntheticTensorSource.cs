using VocabTrim.Checkpoints;

namespace VocabTrim.Benchmarks;

/// <summary>
/// A tensor of arbitrary bytes, streamed in chunks, so that gigabyte checkpoints are written without holding them.
/// Each tensor's bytes differ (seeded by its name) so that nothing could be deduplicated along the way.
/// </summary>
internal sealed class SyntheticTensorSource(string name, params long[] shape) : ITensorSource
{
    private static readonly byte[] Noise = MakeNoise();

    public TensorInfo Info { get; } = new(name, Dtype.F32, new TensorShape(shape));

    public void WriteTo(Stream destination)
    {
        var offset = (int)((uint)name.GetHashCode() % 4096) * 4;
        for (var left = Info.ByteLength; left > 0;)
        {
            var n = (int)Math.Min(left, Noise.Length - offset);
            destination.Write(Noise, offset, n);
            left -= n;
            offset = 0;
        }
    }

    private static byte[] MakeNoise()
    {
        var bytes = new byte[4 << 20];
        new Random(1234).NextBytes(bytes);
        return bytes;
    }
}
