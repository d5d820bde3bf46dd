namespace VocabTrim.Tokenizers.SentencePiece;

/// <summary>UTF-8 character lengths exactly as SentencePiece's string utilities compute them.</summary>
internal static class Utf8Char
{
    /// <summary>
    /// The length of the lead byte's character, from its high nibble alone (SentencePiece's OneCharLen).
    /// </summary>
    public static int LengthFromLeadByte(byte b) => b switch
    {
        < 0xC0 => 1,
        < 0xE0 => 2,
        < 0xF0 => 3,
        _ => 4,
    };

    /// <summary>The byte length of a well-formed first character, or 0 if it is malformed.</summary>
    public static int ValidLength(ReadOnlySpan<byte> s)
    {
        var b0 = s[0];
        if (b0 < 0x80) return 1;
        if ((b0 & 0xE0) == 0xC0 && s.Length >= 2)
        {
            var cp = ((b0 & 0x1F) << 6) | (s[1] & 0x3F);
            return IsTrail(s[1]) && cp >= 0x80 ? 2 : 0;
        }
        if ((b0 & 0xF0) == 0xE0 && s.Length >= 3)
        {
            var cp = ((b0 & 0x0F) << 12) | ((s[1] & 0x3F) << 6) | (s[2] & 0x3F);
            return IsTrail(s[1]) && IsTrail(s[2]) && cp >= 0x800 && IsValidCodepoint(cp) ? 3 : 0;
        }
        if ((b0 & 0xF8) == 0xF0 && s.Length >= 4)
        {
            var cp = ((b0 & 0x07) << 18) | ((s[1] & 0x3F) << 12) | ((s[2] & 0x3F) << 6) | (s[3] & 0x3F);
            return IsTrail(s[1]) && IsTrail(s[2]) && IsTrail(s[3]) && cp >= 0x10000 && IsValidCodepoint(cp) ? 4 : 0;
        }
        return 0;
    }

    private static bool IsTrail(byte b) => (b & 0xC0) == 0x80;

    private static bool IsValidCodepoint(int c) => c < 0xD800 || (c >= 0xE000 && c <= 0x10FFFF);
}
