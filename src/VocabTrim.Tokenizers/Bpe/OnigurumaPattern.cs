using System.Text;

namespace VocabTrim.Tokenizers.Bpe;

/// <summary>
/// Rewrites an Oniguruma pattern (the reference's regex engine) into one .NET reads the same way.
/// The difference that matters for BLOOM is nested character classes: Oniguruma reads
/// <c>[^(\s|[.,])]</c> as one negated class whose members include the nested class's members, while
/// .NET reads the inner <c>[</c> as a literal and ends the class at the first <c>]</c>. Nested
/// classes are therefore flattened into their parent. Constructs whose meaning differs and that
/// this rewrite does not handle are rejected rather than guessed.
/// </summary>
public static class OnigurumaPattern
{
    public static string ToDotNet(string pattern, string jsonPath)
    {
        var output = new StringBuilder(pattern.Length);
        var i = 0;
        while (i < pattern.Length)
        {
            var c = pattern[i];
            if (c == '\\')
            {
                i = CopyEscape(pattern, i, output, jsonPath);
            }
            else if (c == '[')
            {
                var (members, negated, end) = ReadClass(pattern, i, jsonPath);
                output.Append('[');
                if (negated) output.Append('^');
                output.Append(members).Append(']');
                i = end;
            }
            else if (c is '+' or '*' or '?' or '}' && i + 1 < pattern.Length && pattern[i + 1] == '+')
            {
                throw Unsupported(jsonPath, pattern, "possessive quantifiers (e.g. '++')");
            }
            else if (c is '^' or '$')
            {
                // In Oniguruma's Ruby syntax the anchors always work on lines; in .NET only in multiline mode.
                output.Append("(?m:").Append(c).Append(')');
                i++;
            }
            else if (c == '(' && i + 2 < pattern.Length && pattern[i + 1] == '?'
                     && InlineOptions(pattern, i + 2).Contains('m'))
            {
                throw Unsupported(
                    jsonPath, pattern, "the inline option m (dot matches newline in Oniguruma, multiline in .NET)");
            }
            else
            {
                output.Append(c);
                i++;
            }
        }
        return output.ToString();
    }

    /// <summary>The option letters of an inline option group such as <c>(?i-m:</c>, or "" for other groups.</summary>
    private static string InlineOptions(string pattern, int start)
    {
        var end = start;
        while (end < pattern.Length && pattern[end] is 'i' or 'm' or 'x' or '-') end++;
        return end < pattern.Length && pattern[end] is ':' or ')' ? pattern[start..end] : "";
    }

    /// <summary>Reads the class starting at <paramref name="start"/> ('['); returns its flattened members.</summary>
    private static (string Members, bool Negated, int End) ReadClass(string pattern, int start, string jsonPath)
    {
        var members = new StringBuilder();
        var i = start + 1;
        var negated = i < pattern.Length && pattern[i] == '^';
        if (negated) i++;
        var first = true;
        while (true)
        {
            if (i >= pattern.Length)
                throw new TokenizerFormatException(jsonPath, $"unterminated character class in '{pattern}'");
            var c = pattern[i];
            if (c == ']' && !first) return (members.ToString(), negated, i + 1);
            first = false;
            if (c == '\\')
            {
                i = CopyEscape(pattern, i, members, jsonPath);
            }
            else if (c == '[')
            {
                if (i + 1 < pattern.Length && pattern[i + 1] == ':')
                    throw Unsupported(jsonPath, pattern, "POSIX bracket expressions ([:alpha:])");
                var (inner, innerNegated, end) = ReadClass(pattern, i, jsonPath);
                if (innerNegated) throw Unsupported(jsonPath, pattern, "negated nested classes");
                members.Append(inner);
                i = end;
            }
            else if (c == '&' && i + 1 < pattern.Length && pattern[i + 1] == '&')
            {
                throw Unsupported(jsonPath, pattern, "class intersections (&&)");
            }
            else if (c == '-' && i + 1 < pattern.Length && pattern[i + 1] == '[')
            {
                // In .NET '-[' starts a subtraction; in Oniguruma this '-' is a plain member.
                members.Append("\\-");
                i++;
            }
            else if (c == ']')
            {
                members.Append("\\]");
                i++;
            }
            else
            {
                members.Append(c);
                i++;
            }
        }
    }

    private static int CopyEscape(string pattern, int i, StringBuilder output, string jsonPath)
    {
        if (i + 1 >= pattern.Length)
            throw new TokenizerFormatException(jsonPath, $"pattern '{pattern}' ends in a lone backslash");
        var e = pattern[i + 1];
        switch (e)
        {
            case 'h' or 'H' or 'R' or 'X' or 'K' or 'O' or 'y' or 'Y':
                throw Unsupported(jsonPath, pattern, $"the escape \\{e}");
            case 'x' when i + 2 < pattern.Length && pattern[i + 2] == '{':
                var close = pattern.IndexOf('}', i);
                if (close < 0) throw new TokenizerFormatException(jsonPath, $"unterminated \\x{{ in '{pattern}'");
                var cp = Convert.ToInt32(pattern[(i + 3)..close], 16);
                foreach (var ch in char.ConvertFromUtf32(cp)) output.Append($"\\u{(int)ch:X4}");
                return close + 1;
            case 'p' or 'P' or 'w' or 'W' or 'd' or 'D' or 'b' or 'B':
                // .NET matches UTF-16 units: these would miss letters and digits outside the BMP that
                // Oniguruma matches. \s is safe: every whitespace code point is in the BMP.
                throw Unsupported(
                    jsonPath, pattern, $"\\{e}, which .NET applies to UTF-16 units rather than code points");
            default:
                output.Append('\\').Append(e);
                return i + 2;
        }
    }

    private static TokenizerFormatException Unsupported(string jsonPath, string pattern, string what) =>
        new(jsonPath,
            $"the pattern '{pattern}' uses {what}, which vocabtrim cannot yet translate from Oniguruma to .NET");

}
