namespace VocabTrim.TestSupport;

/// <summary>
/// The sentences of a shared Leipzig sample (the text after the id and TAB), read without the project's reader.
/// </summary>
public static class LeipzigSample
{
    public static IReadOnlyList<string> Sentences(string path) =>
        File.ReadLines(path).Select(l => l[(l.IndexOf('\t') + 1)..]).ToList();

    public static IReadOnlyList<string> Both() =>
        [.. Sentences(SharedData.EnglishSample), .. Sentences(SharedData.GermanSample)];
}
