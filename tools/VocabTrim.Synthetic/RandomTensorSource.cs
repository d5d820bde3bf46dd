using System.Runtime.InteropServices;
using VocabTrim.Checkpoints;

namespace VocabTrim.Synthetic;

/// <summary>
/// A float32 tensor of pseudo-random values, generated while it is written (a 500 MB embedding never sits in
/// memory). The values depend only on the seed, the tensor's name and its init, so every machine writes the same bytes.
/// </summary>
public sealed class RandomTensorSource : ITensorSource
{
    private const int ChunkValues = 1 << 16;
    private readonly TensorInit _init;
    private readonly ulong _seed;

    public RandomTensorSource(string name, long[] shape, TensorInit init, ulong seed)
    {
        if (!BitConverter.IsLittleEndian)
            throw new PlatformNotSupportedException(
                "safetensors are little-endian; this writer assumes a little-endian machine");
        Info = new TensorInfo(name, Dtype.F32, new TensorShape(shape));
        _init = init;
        _seed = SplitMix64.SeedFor(seed, name);
    }

    public TensorInfo Info { get; }

    public void WriteTo(Stream destination)
    {
        var random = new SplitMix64(_seed);
        var buffer = new float[ChunkValues];
        for (var left = Info.ByteLength / sizeof(float); left > 0;)
        {
            var n = (int)Math.Min(left, ChunkValues);
            var chunk = buffer.AsSpan(0, n);
            if (_init.Kind == TensorInitKind.Normal) FillNormal(ref random, chunk);
            else FillUniform(ref random, chunk);
            destination.Write(MemoryMarshal.AsBytes(chunk));
            left -= n;
        }
    }

    // Box-Muller: two uniforms give two independent standard normals.
    private void FillNormal(ref SplitMix64 random, Span<float> values)
    {
        for (var i = 0; i < values.Length; i += 2)
        {
            var u1 = 1 - random.NextDouble();   // (0, 1]: the logarithm needs a positive argument
            var r = Math.Sqrt(-2 * PortableMath.Log(u1));
            var (cos, sin) = PortableMath.CosSinTurns(random.NextDouble());
            values[i] = (float)(_init.Center + _init.Spread * r * cos);
            if (i + 1 < values.Length) values[i + 1] = (float)(_init.Center + _init.Spread * r * sin);
        }
    }

    private void FillUniform(ref SplitMix64 random, Span<float> values)
    {
        // Two values per draw, each from 32 bits: [-1, 1) scaled, in float arithmetic for speed.
        var center = (float)_init.Center;
        var scale = (float)_init.Spread / (1u << 31);
        for (var i = 0; i < values.Length; i += 2)
        {
            var bits = random.Next();
            values[i] = center + scale * (int)(uint)bits;
            if (i + 1 < values.Length) values[i + 1] = center + scale * (int)(uint)(bits >> 32);
        }
    }
}
