using System.Text.Json;
using System.Text.RegularExpressions;

namespace VocabTrim.Tokenizers.Bpe;

/// <summary>The <c>Split</c> pre-tokenizer: cuts each piece at the matches of a pattern.</summary>
public sealed class SplitPreTokenizer
{
    public SplitPattern Pattern { get; }
    public SplitBehavior Behavior { get; }

    /// <summary>
    /// The text between matches plays the part of the matches, and the matches that of the text between.
    /// </summary>
    public bool Invert { get; }

    public SplitPreTokenizer(SplitPattern pattern, SplitBehavior behavior, bool invert = false)
    {
        Pattern = pattern;
        Behavior = behavior;
        Invert = invert;
    }

    public static SplitPreTokenizer Parse(JsonElement json, string path)
    {
        var pattern = ParsePattern(JsonRead.Required(json, "pattern", path), $"{path}.pattern");
        var behaviorName = JsonRead.String(json, "behavior", path);
        if (!Enum.TryParse<SplitBehavior>(behaviorName, ignoreCase: false, out var behavior)
            || !Enum.IsDefined(behavior))

            throw new TokenizerFormatException($"{path}.behavior",
                $"Split behavior '{behaviorName}' is not supported " +
                $"({string.Join(", ", Enum.GetNames<SplitBehavior>())})");
        return new SplitPreTokenizer(pattern, behavior, JsonRead.Bool(json, "invert", path, false));
    }

    private static SplitPattern ParsePattern(JsonElement json, string path)
    {
        if (json.ValueKind == JsonValueKind.Object && json.TryGetProperty("Regex", out var regex)
            && regex.ValueKind == JsonValueKind.String)
        {
            var source = regex.GetString()!;
            return Llama3SplitPattern.TryCreate(source) ?? (SplitPattern)new RegexSplitPattern(
                Compile(OnigurumaPattern.ToDotNet(source, $"{path}.Regex")), source);
        }
        if (json.ValueKind == JsonValueKind.Object && json.TryGetProperty("String", out var literal)
            && literal.ValueKind == JsonValueKind.String)

        {
            var text = literal.GetString()!;
            if (text.Length == 0) throw new TokenizerFormatException($"{path}.String", "is empty");
            return new RegexSplitPattern(Compile(Regex.Escape(text)), text);
        }
        throw new TokenizerFormatException(path, "expected {\"Regex\": …} or {\"String\": …}");
    }

    private static Regex Compile(string dotNet) => new(dotNet, RegexOptions.CultureInvariant | RegexOptions.Compiled);

    /// <summary>Appends the pieces of <paramref name="piece"/>; empty pieces are never produced.</summary>
    /// <param name="matches">Scratch space, cleared here.</param>
    internal void Split(
        ReadOnlySpan<char> text, TextSlice piece, List<TextSlice> output, List<(int Index, int Length)> matches)
    {
        var span = text.Slice(piece.Start, piece.Length);
        matches.Clear();
        Pattern.FindMatches(span, matches);
        if (Behavior == SplitBehavior.Isolated && !Invert)
        {
            // BLOOM's and Llama 3's case, without the bookkeeping of the general one.
            var previous = 0;
            foreach (var m in matches)
            {
                if (m.Index > previous) output.Add(new TextSlice(piece.Start + previous, m.Index - previous));
                if (m.Length > 0) output.Add(new TextSlice(piece.Start + m.Index, m.Length));
                previous = m.Index + m.Length;
            }
            if (previous < span.Length) output.Add(new TextSlice(piece.Start + previous, span.Length - previous));
            return;
        }
        var parts = new List<(int Start, int End, bool IsMatch)>();
        var last = 0;
        foreach (var m in matches)
        {
            if (m.Index > last) parts.Add((last, m.Index, Invert));
            parts.Add((m.Index, m.Index + m.Length, !Invert));
            last = m.Index + m.Length;
        }
        if (last < span.Length || parts.Count == 0) parts.Add((last, span.Length, Invert));
        foreach (var (start, end) in Combine(parts))
            if (end > start) output.Add(new TextSlice(piece.Start + start, end - start));
    }

    /// <summary>
    /// The reference's <c>NormalizedString::split</c> rules for turning matches and gaps into pieces.
    /// </summary>
    private IEnumerable<(int Start, int End)> Combine(List<(int Start, int End, bool IsMatch)> parts)
    {
        var pieces = new List<(int Start, int End)>();
        var previousMatch = false;
        switch (Behavior)
        {
            case SplitBehavior.Isolated:
                return parts.Select(p => (p.Start, p.End));
            case SplitBehavior.Removed:
                return parts.Where(p => !p.IsMatch).Select(p => (p.Start, p.End));
            case SplitBehavior.MergedWithPrevious:
                foreach (var (start, end, isMatch) in parts)
                {
                    if (isMatch && !previousMatch && pieces.Count > 0) pieces[^1] = (pieces[^1].Start, end);
                    else pieces.Add((start, end));
                    previousMatch = isMatch;
                }
                return pieces;
            case SplitBehavior.MergedWithNext:
                for (var i = parts.Count - 1; i >= 0; i--)
                {
                    var (start, end, isMatch) = parts[i];
                    if (isMatch && !previousMatch && pieces.Count > 0) pieces[^1] = (start, pieces[^1].End);
                    else pieces.Add((start, end));
                    previousMatch = isMatch;
                }
                pieces.Reverse();
                return pieces;
            default: // Contiguous
                foreach (var (start, end, isMatch) in parts)
                {
                    if (isMatch == previousMatch && pieces.Count > 0) pieces[^1] = (pieces[^1].Start, end);
                    else pieces.Add((start, end));
                    previousMatch = isMatch;
                }
                return pieces;
        }
    }
}
