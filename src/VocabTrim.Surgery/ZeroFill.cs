namespace VocabTrim.Surgery;

/// <summary>Writes zero bytes: the rows <c>--pad-to-multiple</c> adds after the kept ones.</summary>
internal static class ZeroFill
{
    private static readonly byte[] Zeros = new byte[1 << 16];

    public static void Write(Stream destination, long count)
    {
        for (var left = count; left > 0; left -= Zeros.Length)
            destination.Write(Zeros, 0, (int)Math.Min(Zeros.Length, left));
    }
}
