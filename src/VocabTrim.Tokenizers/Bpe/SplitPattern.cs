using System.Text.RegularExpressions;

namespace VocabTrim.Tokenizers.Bpe;

/// <summary>
/// What a <c>Split</c> pre-tokenizer cuts at: the matches of its pattern, leftmost first, never overlapping.
/// </summary>
public abstract class SplitPattern
{
    /// <summary>The pattern as the file gives it.</summary>
    public abstract string Source { get; }

    /// <summary>Appends the (index, length) of each match in <paramref name="text"/>.</summary>
    public abstract void FindMatches(ReadOnlySpan<char> text, List<(int Index, int Length)> matches);
}

/// <summary>
/// A pattern .NET's regex engine reads as Oniguruma does (see <see cref="OnigurumaPattern"/>), or a literal.
/// </summary>
public sealed class RegexSplitPattern(Regex regex, string source) : SplitPattern
{
    public Regex Regex { get; } = regex;

    public override string Source { get; } = source;

    public override void FindMatches(ReadOnlySpan<char> text, List<(int Index, int Length)> matches)
    {
        foreach (var m in Regex.EnumerateMatches(text)) matches.Add((m.Index, m.Length));
    }
}
