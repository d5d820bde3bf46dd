namespace VocabTrim.Tokenizers.Bpe;

/// <summary>
/// GPT-2's byte-to-character table: every byte becomes a printable character so that byte strings
/// can live in a JSON vocabulary. Printable Latin-1 bytes stand for themselves; the others are
/// shifted to U+0100 and up in byte order.
/// </summary>
public static class ByteLevelAlphabet
{
    private static readonly char[] CharOfByte = BuildTable();
    private static readonly Dictionary<char, byte> ByteOfChar =
        Enumerable.Range(0, 256).ToDictionary(b => CharOfByte[b], b => (byte)b);

    public static char CharOf(byte b) => CharOfByte[b];

    public static bool TryGetByte(char c, out byte b) => ByteOfChar.TryGetValue(c, out b);

    /// <summary>The 256 single-character token strings, in byte order.</summary>
    public static IEnumerable<string> Tokens => CharOfByte.Select(c => c.ToString());

    /// <summary>Maps UTF-8 bytes to their byte-level characters, one character per byte.</summary>
    public static string Encode(ReadOnlySpan<byte> utf8)
    {
        return string.Create(utf8.Length, utf8.ToArray(), static (span, bytes) =>
        {
            for (var i = 0; i < bytes.Length; i++) span[i] = CharOfByte[bytes[i]];
        });
    }

    /// <summary>Appends the bytes a token stands for; false when some character is not a byte-level one.</summary>
    public static bool TryDecode(string token, List<byte> bytes)
    {
        var start = bytes.Count;
        foreach (var c in token)
        {
            if (!ByteOfChar.TryGetValue(c, out var b))
            {
                bytes.RemoveRange(start, bytes.Count - start);
                return false;
            }
            bytes.Add(b);
        }
        return true;
    }

    private static char[] BuildTable()
    {
        var table = new char[256];
        var shifted = 0;
        for (var b = 0; b < 256; b++)
        {
            var printable = b is >= '!' and <= '~' or >= 0xA1 and <= 0xAC or >= 0xAE and <= 0xFF;
            table[b] = printable ? (char)b : (char)(256 + shifted++);
        }
        return table;
    }
}
