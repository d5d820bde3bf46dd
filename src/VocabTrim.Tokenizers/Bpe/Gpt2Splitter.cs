using System.Globalization;
using System.Text;

namespace VocabTrim.Tokenizers.Bpe;

/// <summary>
/// The split that <c>ByteLevel</c> does with <c>use_regex: true</c>: GPT-2's pattern
/// <c>'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+</c>, matched by hand on
/// code points. A .NET regex would test letters and digits on UTF-16 units and miss those outside the
/// BMP. Categories come from .NET's Unicode tables, which may be a version ahead of Oniguruma's for
/// the most recently assigned characters.
/// </summary>
internal static class Gpt2Splitter
{
    private static readonly string[] Contractions = ["'s", "'t", "'re", "'ve", "'m", "'ll", "'d"];

    private enum Class { Letter, Number, Space, Other }

    /// <summary>
    /// Appends the matches of the pattern in <paramref name="piece"/>; they tile it, as every position matches.
    /// </summary>
    public static void Split(ReadOnlySpan<char> text, TextSlice piece, List<TextSlice> output)
    {
        var end = piece.Start + piece.Length;
        var i = piece.Start;
        while (i < end)
        {
            var length = MatchAt(text[..end], i);
            output.Add(new TextSlice(i, length));
            i += length;
        }
    }

    /// <summary>
    /// Length of the match at <paramref name="i"/>: the first alternative that matches, as Oniguruma picks.
    /// </summary>
    private static int MatchAt(ReadOnlySpan<char> text, int i)
    {
        var rest = text[i..];
        foreach (var c in Contractions)
            if (rest.StartsWith(c, StringComparison.Ordinal)) return c.Length;

        var afterSpace = rest[0] == ' ' && rest.Length > 1 ? 1 : 0;
        var first = ClassAt(rest, afterSpace, out _);
        if (first != Class.Space)
        {
            // ' ?\p{L}+', ' ?\p{N}+' and ' ?[^\s\p{L}\p{N}]+' all take a run of one class.
            var j = afterSpace;
            while (j < rest.Length && ClassAt(rest, j, out var width) == first) j += width;
            return j;
        }
        if (afterSpace == 1 && ClassAt(rest, 0, out _) != Class.Space)
            throw new InvalidOperationException("unreachable: a space is whitespace");

        // '\s+(?!\S)': the whitespace run, less its last character when a non-space follows; else '\s+'.
        var k = 0;
        var lastWidth = 0;
        while (k < rest.Length && ClassAt(rest, k, out var w) == Class.Space)
        {
            lastWidth = w;
            k += w;
        }
        if (k == rest.Length) return k;
        return k - lastWidth > 0 ? k - lastWidth : k;
    }

    private static Class ClassAt(ReadOnlySpan<char> text, int at, out int width)
    {
        if (Rune.DecodeFromUtf16(text[at..], out var rune, out width) != System.Buffers.OperationStatus.Done)
            return Class.Other;
        if (Rune.IsWhiteSpace(rune)) return Class.Space;
        return Rune.GetUnicodeCategory(rune) switch
        {
            UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
                or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter => Class.Letter,
            UnicodeCategory.DecimalDigitNumber or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber =>
                Class.Number,

            _ => Class.Other,
        };
    }
}
