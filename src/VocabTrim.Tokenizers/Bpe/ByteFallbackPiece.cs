using System.Globalization;

namespace VocabTrim.Tokenizers.Bpe;

/// <summary>
/// The pieces <c>&lt;0x00&gt;</c> … <c>&lt;0xFF&gt;</c> that <c>byte_fallback</c> encodes unknown characters with, one
/// per UTF-8 byte.
/// </summary>
public static class ByteFallbackPiece
{
    private static readonly string[] Names = [.. Enumerable.Range(0, 256).Select(b => $"<0x{b:X2}>")];

    public static string Of(byte b) => Names[b];

    /// <summary>The byte a piece stands for; hex digits of either case, as the reference's decoder accepts.</summary>
    public static bool TryParse(string piece, out byte b)
    {
        b = 0;
        return piece.Length == 6 && piece.StartsWith("<0x", StringComparison.Ordinal) && piece[5] == '>'
            && byte.TryParse(piece.AsSpan(3, 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out b);
    }
}
