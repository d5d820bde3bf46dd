namespace VocabTrim.Checkpoints.Tests.Support;

/// <summary>Deterministic test data.</summary>
internal static class Bytes
{
    /// <summary><paramref name="count"/> bytes that differ from position to position and from seed to seed.</summary>
    public static byte[] Pattern(int count, int seed = 1)
    {
        var bytes = new byte[count];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    public static byte[] Floats(params float[] values)
    {
        var bytes = new byte[values.Length * 4];
        for (var i = 0; i < values.Length; i++) BitConverter.TryWriteBytes(bytes.AsSpan(i * 4), values[i]);
        return bytes;
    }
}
