using System.Globalization;
using System.Text;

namespace VocabTrim.Tokenizers.Bpe;

/// <summary>
/// The split regex of Llama 3 and Qwen 2/3 (one pattern, written here in two parts at an alternation),
/// <c>(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}|</c>
/// <c> ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+</c>
/// (Qwen takes one digit at a time: <c>\p{N}</c>), matched by hand on code points as Oniguruma does. .NET's
/// regex engine tests <c>\p{L}</c> and <c>\p{N}</c> on UTF-16 units and would cut letters, digits and
/// symbols outside the BMP in half. Every position starts a match, so the matches tile the text.
/// Categories come from .NET's Unicode tables, which may be a version ahead of Oniguruma's for the most
/// recently assigned characters.
/// </summary>
public sealed class Llama3SplitPattern : SplitPattern
{
    private const string Head = @"(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}";
    private const string Tail = @"| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+";

    private static readonly string[] Contractions = ["s", "t", "re", "ve", "m", "ll", "d"];

    private enum Class { Letter, Number, Space, Newline, Other, End }

    /// <summary>How many digits one match takes at most: 3 for Llama 3, 1 for Qwen.</summary>
    public int MaxDigits { get; }

    public override string Source { get; }

    private Llama3SplitPattern(int maxDigits, string source)
    {
        MaxDigits = maxDigits;
        Source = source;
    }

    /// <summary>The pattern if <paramref name="source"/> is one of this family, else null.</summary>
    public static Llama3SplitPattern? TryCreate(string source)
    {
        if (!source.StartsWith(Head, StringComparison.Ordinal) || !source.EndsWith(Tail, StringComparison.Ordinal))
            return null;
        var digits = source.AsSpan(Head.Length, source.Length - Head.Length - Tail.Length);
        if (digits.IsEmpty) return new Llama3SplitPattern(1, source);
        return digits.StartsWith("{1,") && digits.EndsWith("}")
               && int.TryParse(digits[3..^1], NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 1

            ? new Llama3SplitPattern(n, source)
            : null;
    }

    public override void FindMatches(ReadOnlySpan<char> text, List<(int Index, int Length)> matches)
    {
        var i = 0;
        while (i < text.Length)
        {
            var length = MatchAt(text, i);
            matches.Add((i, length));
            i += length;
        }
    }

    /// <summary>
    /// Length of the match at <paramref name="i"/>: the first alternative that matches, as Oniguruma picks.
    /// </summary>
    private int MatchAt(ReadOnlySpan<char> text, int i)
    {
        if (text[i] == '\'' && ContractionAt(text, i + 1) is > 0 and var contraction) return 1 + contraction;

        var first = ClassAt(text, i, out var width);
        switch (first)
        {
            case Class.Letter:
                return LetterRun(text, i + width) - i;
            case Class.Number:
                {
                    var j = i + width;
                    for (var n = 1; n < MaxDigits && ClassAt(text, j, out var w) == Class.Number; n++) j += w;
                    return j - i;
                }
            case Class.Other or Class.Space:
                // '[^\r\n\p{L}\p{N}]?\p{L}+': one such character (a space too) and then letters.
                if (ClassAt(text, i + width, out _) == Class.Letter) return LetterRun(text, i + width) - i;
                break;
        }

        // ' ?[^\s\p{L}\p{N}]+[\r\n]*'
        var k = i;
        if (text[k] == ' ' && ClassAt(text, k + 1, out _) == Class.Other) k++;
        if (ClassAt(text, k, out var otherWidth) == Class.Other)
        {
            k += otherWidth;
            while (ClassAt(text, k, out var w) == Class.Other) k += w;
            while (k < text.Length && text[k] is '\r' or '\n') k++;
            return k - i;
        }

        // Only whitespace is left (every whitespace character is one UTF-16 unit).
        var end = i;
        var lastNewline = -1;
        while (end < text.Length && ClassAt(text, end, out _) is Class.Space or Class.Newline)
        {
            if (text[end] is '\r' or '\n') lastNewline = end;
            end++;
        }
        // '\s*[\r\n]+': the run up to its last line break.
        if (lastNewline >= 0) return lastNewline + 1 - i;
        // '\s+(?!\S)': the run less its last character when something follows; else '\s+'.
        if (end == text.Length || end - 1 == i) return end - i;
        return end - 1 - i;
    }

    /// <summary>
    /// Length of a contraction after an apostrophe at <paramref name="at"/>, or 0; letters compare as Oniguruma's case
    /// folding does.
    /// </summary>
    private static int ContractionAt(ReadOnlySpan<char> text, int at)
    {
        foreach (var c in Contractions)
        {
            if (at + c.Length > text.Length) continue;
            var all = true;
            for (var j = 0; j < c.Length && all; j++) all = FoldsTo(text[at + j], c[j]);
            if (all) return c.Length;
        }
        return 0;
    }

    // Unicode case folding maps U+017F LONG S to 's' (and KELVIN SIGN to 'k', which no contraction has).
    private static bool FoldsTo(char c, char lower) =>
        c == lower || c == char.ToUpperInvariant(lower) || (lower == 's' && c == '\u017F');

    private static int LetterRun(ReadOnlySpan<char> text, int j)
    {
        while (ClassAt(text, j, out var w) == Class.Letter) j += w;
        return j;
    }

    private static Class ClassAt(ReadOnlySpan<char> text, int at, out int width)
    {
        if (at >= text.Length)
        {
            width = 0;
            return Class.End;
        }
        var c = text[at];
        if (c < 0x80)
        {
            width = 1;
            if (c is '\r' or '\n') return Class.Newline;
            if (char.IsAsciiLetter(c)) return Class.Letter;
            if (char.IsAsciiDigit(c)) return Class.Number;
            return c is ' ' or '\t' or '\v' or '\f' ? Class.Space : Class.Other;
        }
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
