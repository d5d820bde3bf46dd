namespace VocabTrim.Corpora.Fetching;

/// <summary>
/// The folder downloaded corpora live in: <c>$VOCABTRIM_CACHE/corpora</c>, else
/// <c>$XDG_CACHE_HOME/vocabtrim/corpora</c>, else <c>~/.cache/vocabtrim/corpora</c>.
/// </summary>
public sealed class CorpusCache
{
    /// <summary>
    /// The environment variable naming vocabtrim's cache root (corpora go in its <c>corpora</c> folder).
    /// </summary>
    public const string CacheVariable = VocabTrimCache.Variable;

    public CorpusCache(string directory) => Directory = System.IO.Path.GetFullPath(directory);

    public string Directory { get; }

    public static CorpusCache Default() => new(System.IO.Path.Combine(VocabTrimCache.Root(), "corpora"));

    /// <summary>Where the complete archive of <paramref name="entry"/> is (or will be).</summary>
    public string PathOf(CorpusEntry entry) => System.IO.Path.Combine(Directory, entry.FileName);

    /// <summary>Where a download in progress is written; it is renamed to <see cref="PathOf"/> once verified.</summary>
    public string PartPathOf(CorpusEntry entry) => PathOf(entry) + ".part";

    /// <summary>The cached archive, or null when it has not been downloaded.</summary>
    public string? TryGet(CorpusEntry entry) => File.Exists(PathOf(entry)) ? PathOf(entry) : null;
}
