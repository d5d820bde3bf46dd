namespace VocabTrim.Synthetic;

/// <summary>
/// The words of Leipzig sentence files (<c>id&lt;TAB&gt;sentence</c>), most frequent first: whitespace-separated
/// tokens with the punctuation around them removed, ties in ordinal order so that the list is the same everywhere.
/// </summary>
public static class SampleWords
{
    public static IReadOnlyList<string> ByFrequency(params string[] sentenceFiles)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var tokens = sentenceFiles.SelectMany(File.ReadLines)
            .SelectMany(line => line[(line.IndexOf('\t') + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries));
        foreach (var token in tokens)
        {
            var word = token.Trim().TrimStart(Punctuation).TrimEnd(Punctuation);
            if (word.Length > 0) counts[word] = counts.GetValueOrDefault(word) + 1;
        }
        return [.. counts.OrderByDescending(c => c.Value).ThenBy(c => c.Key, StringComparer.Ordinal)
            .Select(c => c.Key)];
    }

    private static readonly char[] Punctuation = [.. "\"'“”„‚‘’«»()[]{}.,;:!?…–—-/*"];
}
