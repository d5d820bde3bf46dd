namespace VocabTrim.Benchmarks;

/// <summary>Finds ../shared beside the repository (the benchmarks run from a generated folder deep inside bin/).</summary>
internal static class BenchmarkData
{
    public static string Shared { get; } = FindShared();

    public static string File(params string[] parts) => Path.Combine([Shared, .. parts]);

    /// <summary>
    /// Writes the two shared Leipzig samples, concatenated <paramref name="repeat"/> times, into
    /// <paramref name="dir"/> in both forms a benchmark compares: Leipzig lines for vocabtrim, plain sentences
    /// for the reference tools. Returns the paths and the sentences of one copy.
    /// </summary>
    public static (string LeipzigFile, string PlainFile, IReadOnlyList<string> Sentences) WriteSampleCorpus(string dir, int repeat)
    {
        var lines = new[] { "eng_news_2020_10K-sentences.txt", "deu_news_2020_10K-sentences.txt" }
            .SelectMany(f => System.IO.File.ReadLines(File("corpora", "leipzig", f))).ToList();
        var sentences = lines.Select(l => l[(l.IndexOf('\t') + 1)..]).ToList();
        var leipzig = Path.Combine(dir, "mixed-sentences.txt");
        var plain = Path.Combine(dir, "mixed-plain.txt");
        System.IO.File.WriteAllLines(leipzig, Enumerable.Repeat(lines, repeat).SelectMany(x => x));
        System.IO.File.WriteAllLines(plain, Enumerable.Repeat(sentences, repeat).SelectMany(x => x));
        return (leipzig, plain, sentences);
    }

    private static string FindShared()
    {
        var env = Environment.GetEnvironmentVariable("VOCABTRIM_SHARED");
        if (!string.IsNullOrEmpty(env)) return env;
        foreach (var start in new[] { AppContext.BaseDirectory, Environment.CurrentDirectory })
            for (var dir = new DirectoryInfo(start); dir != null; dir = dir.Parent)
                if (System.IO.File.Exists(Path.Combine(dir.FullName, "VocabTrim.sln")))
                    return Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared"));
        throw new InvalidOperationException("shared/ not found beside the repository; set VOCABTRIM_SHARED");
    }
}
