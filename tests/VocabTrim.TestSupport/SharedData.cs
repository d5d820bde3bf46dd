namespace VocabTrim.TestSupport;

/// <summary>
/// Locates <c>../shared</c> (beside the project root), the data shared with CI: Leipzig samples,
/// real SentencePiece models and Hugging Face reference outputs. It is never copied into the repo.
/// </summary>
public static class SharedData
{
    private static readonly Lazy<string?> RootDir = new(FindRoot);

    /// <summary>The shared folder, or an exception that says where it was looked for.</summary>
    public static string Root => RootDir.Value ?? throw new InvalidOperationException(
        "The shared test data folder was not found. Tests that use real models and corpora need " +
        "'../shared' beside the project root (or VOCABTRIM_SHARED=/path/to/shared).");

    public static string PathOf(params string[] parts)
    {
        var path = Path.Combine([Root, .. parts]);
        if (!File.Exists(path) && !Directory.Exists(path))
            throw new FileNotFoundException($"Shared test data is missing: {path}", path);
        return path;
    }

    public static string EnglishSample => PathOf("corpora", "leipzig", "eng_news_2020_10K-sentences.txt");
    public static string GermanSample => PathOf("corpora", "leipzig", "deu_news_2020_10K-sentences.txt");
    public static string Mt5Derived32k => PathOf("models", "mt5-derived-32k", "spiece.model");
    public static string UnigramEnDe16k => PathOf("models", "unigram-ende-16k", "spiece.model");
    public static string Mt5TinySpiece => PathOf("reference", "mt5-tiny", "spiece.model");
    public static string Reference(string model) => PathOf("reference", model);

    /// <summary>The three real SentencePiece models in shared/, by a short name.</summary>
    public static IEnumerable<(string Name, string Path)> SentencePieceModels() =>
    [
        ("mt5-derived-32k", Mt5Derived32k),
        ("unigram-ende-16k", UnigramEnDe16k),
        ("mt5-tiny", Mt5TinySpiece),
    ];

    private static string? FindRoot()
    {
        var env = Environment.GetEnvironmentVariable("VOCABTRIM_SHARED");
        if (!string.IsNullOrEmpty(env)) return Directory.Exists(env) ? Path.GetFullPath(env) : null;
        // Walk up from the test binary to the repository root (the folder with VocabTrim.sln); shared/ is its sibling.
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "VocabTrim.sln")))
            {
                var shared = Path.Combine(dir.FullName, "..", "shared");
                return Directory.Exists(shared) ? Path.GetFullPath(shared) : null;
            }
        }
        return null;
    }
}
