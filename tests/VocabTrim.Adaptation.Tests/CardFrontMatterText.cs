namespace VocabTrim.Adaptation.Tests;

/// <summary>
/// The YAML front matter of a model card, read as plain lines (enough for the flat keys and lists the card writes).
/// </summary>
internal sealed record CardFrontMatterText(IReadOnlyList<string> Lines)
{
    public static CardFrontMatterText Of(string readmePath)
    {
        var lines = File.ReadAllLines(readmePath);
        lines.Should().NotBeEmpty();
        lines[0].Should().Be("---", "a Hugging Face card starts with YAML front matter");
        var end = Array.IndexOf(lines, "---", 1);
        end.Should().BePositive("the front matter is closed");
        return new CardFrontMatterText(lines[1..end]);
    }

    /// <summary>The value of a <c>key: value</c> line, null when the key is absent (or commented out).</summary>
    public string? Value(string key) =>
        Lines.FirstOrDefault(
            l => l.StartsWith(key + ":", StringComparison.Ordinal)) is { } line ? line[(key.Length + 1)..]
            .Trim() : null;

    /// <summary>The items of a block list (<c>key:</c> followed by <c>- item</c> lines).</summary>
    public IReadOnlyList<string> List(string key)
    {
        var start = Lines.ToList().IndexOf(key + ":");
        if (start < 0) return [];
        return [.. Lines.Skip(start + 1).TakeWhile(l => l.StartsWith("- ", StringComparison.Ordinal))
            .Select(l => l[2..].Trim())];
    }
}
