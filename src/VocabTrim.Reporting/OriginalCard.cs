namespace VocabTrim.Reporting;

/// <summary>
/// The original model's README.md split into its YAML front matter and its Markdown body. Reading never fails:
/// front matter outside the subset vocabtrim understands leaves <see cref="Metadata"/> empty and says why in
/// <see cref="Problem"/>, and the body is still carried.
/// </summary>
public sealed class OriginalCard
{
    private OriginalCard(IReadOnlyList<KeyValuePair<string, FrontMatterValue>> metadata, string body, string? problem)
    {
        Metadata = metadata;
        Body = body;
        Problem = problem;
    }

    /// <summary>
    /// The front matter's top-level keys in file order (empty when there is none or it could not be read).
    /// </summary>
    public IReadOnlyList<KeyValuePair<string, FrontMatterValue>> Metadata { get; }

    /// <summary>The Markdown after the front matter.</summary>
    public string Body { get; }

    /// <summary>Why the front matter was not read; null when it was read or there was none.</summary>
    public string? Problem { get; }

    public FrontMatterValue? this[string key] => Metadata.FirstOrDefault(e => e.Key == key).Value;

    public static OriginalCard Parse(string text)
    {
        var lines = text.TrimStart('\uFEFF').Replace("\r\n", "\n").Split('\n');
        if (lines.Length == 0 || lines[0].TrimEnd() != "---")
            return new OriginalCard([], string.Join('\n', lines), null);
        var close = Array.FindIndex(lines, 1, l => l.TrimEnd() is "---" or "...");
        if (close < 0)
            return new OriginalCard(
                [], string.Join('\n', lines), "the front matter opened on line 1 is never closed with ---");

        var body = string.Join('\n', lines.Skip(close + 1)).TrimStart('\n');
        try
        {
            return new OriginalCard(FrontMatterParser.Parse(lines[1..close], firstLine: 2), body, null);
        }
        catch (FrontMatterException e)
        {
            return new OriginalCard([], body, e.Message);
        }
    }
}
