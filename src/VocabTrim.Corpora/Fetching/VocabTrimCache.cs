namespace VocabTrim.Corpora.Fetching;

/// <summary>
/// The root of vocabtrim's caches: <c>$VOCABTRIM_CACHE</c>, else <c>$XDG_CACHE_HOME/vocabtrim</c>, else
/// <c>~/.cache/vocabtrim</c>. Downloaded corpora and reusable counts live in folders below it.
/// </summary>
public static class VocabTrimCache
{
    /// <summary>The environment variable naming vocabtrim's cache root.</summary>
    public const string Variable = "VOCABTRIM_CACHE";

    public static string Root()
    {
        var root = Environment.GetEnvironmentVariable(Variable);
        if (!string.IsNullOrEmpty(root)) return Path.GetFullPath(root);
        var xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        var cacheHome = !string.IsNullOrEmpty(xdg) ? xdg
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
        return Path.Combine(cacheHome, "vocabtrim");
    }
}
