using System.Text.Json;
using System.Text.RegularExpressions;

namespace VocabTrim.Tokenizers.Bpe;

/// <summary>The <c>Split</c> pre-tokenizer: cuts each piece at the matches of a pattern.</summary>
public sealed class SplitPreTokenizer
{
    public Regex Pattern { get; }
    public SplitBehavior Behavior { get; }

    public SplitPreTokenizer(Regex pattern, SplitBehavior behavior)
    {
        Pattern = pattern;
        Behavior = behavior;
    }

    public static SplitPreTokenizer Parse(JsonElement json, string path)
    {
        var patternJson = JsonRead.Required(json, "pattern", path);
        string dotNet;
        if (patternJson.ValueKind == JsonValueKind.Object && patternJson.TryGetProperty("Regex", out var regex))
            dotNet = OnigurumaPattern.ToDotNet(regex.GetString()!, $"{path}.pattern.Regex");
        else if (patternJson.ValueKind == JsonValueKind.Object && patternJson.TryGetProperty("String", out var literal))
            dotNet = Regex.Escape(literal.GetString()!);
        else
            throw new TokenizerFormatException($"{path}.pattern", "expected {\"Regex\": …} or {\"String\": …}");
        if (JsonRead.Bool(json, "invert", path, false))
            throw new TokenizerFormatException($"{path}.invert", "inverted Split patterns are not supported");
        var behaviorName = JsonRead.String(json, "behavior", path);
        var behavior = behaviorName switch
        {
            "Isolated" => SplitBehavior.Isolated,
            "Removed" => SplitBehavior.Removed,
            _ => throw new TokenizerFormatException($"{path}.behavior", $"Split behavior '{behaviorName}' is not supported (Isolated, Removed)"),
        };
        return new SplitPreTokenizer(new Regex(dotNet, RegexOptions.CultureInvariant | RegexOptions.Compiled), behavior);
    }

    /// <summary>Appends the pieces of <paramref name="piece"/>; empty pieces are never produced.</summary>
    internal void Split(ReadOnlySpan<char> text, TextSlice piece, List<TextSlice> output)
    {
        var span = text.Slice(piece.Start, piece.Length);
        var previous = 0;
        foreach (var m in Pattern.EnumerateMatches(span))
        {
            if (m.Index > previous) output.Add(new TextSlice(piece.Start + previous, m.Index - previous));
            if (Behavior == SplitBehavior.Isolated && m.Length > 0) output.Add(new TextSlice(piece.Start + m.Index, m.Length));
            previous = m.Index + m.Length;
        }
        if (previous < span.Length) output.Add(new TextSlice(piece.Start + previous, span.Length - previous));
    }
}
