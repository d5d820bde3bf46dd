using VocabTrim.Common;

namespace VocabTrim.Corpora.Fetching;

/// <summary>
/// Turns what a user gives for a language's corpus — a path, or a Leipzig corpus name from the manifest —
/// into a file to read, downloading the named corpus when asked to.
/// </summary>
public sealed class CorpusResolver(CorpusManifest manifest, CorpusDownloader downloader)
{
    public CorpusManifest Manifest { get; } = manifest;

    /// <summary>
    /// An existing file or folder is returned as it is; a manifest name gives the cached archive, fetched
    /// first when <paramref name="fetch"/> is set.
    /// </summary>
    /// <exception cref="CorpusDownloadException">
    /// Neither a path nor a manifest name, or not downloaded and not fetching.
    /// </exception>
    public async Task<string> ResolveAsync(string pathOrName, bool fetch, IProgress<DownloadProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        if (File.Exists(pathOrName) || Directory.Exists(pathOrName)) return pathOrName;
        var entry = Manifest.Find(pathOrName) ?? throw new CorpusDownloadException(
            $"'{pathOrName}' is neither a file or folder nor a corpus of {Manifest.Source}");
        return await ResolveAsync(entry, fetch, progress, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The cached archive of <paramref name="entry"/>, fetched first when <paramref name="fetch"/> is set.
    /// </summary>
    public async Task<string> ResolveAsync(CorpusEntry entry, bool fetch, IProgress<DownloadProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        if (!fetch)
        {
            return downloader.Cache.TryGet(entry) ?? throw new CorpusDownloadException(
                $"{entry.Name} is not downloaded to {downloader.Cache.Directory} "
                + $"(vocabtrim corpus fetch {entry.Name})");
        }
        var result = await downloader.FetchAsync(entry, progress, cancellationToken).ConfigureAwait(false);
        return result.Path;
    }

    /// <summary>
    /// The default corpus of <paramref name="language"/> (resolved like a name), for when none is given.
    /// </summary>
    /// <exception cref="CorpusDownloadException">The manifest has no default corpus for the language.</exception>
    public Task<string> ResolveDefaultAsync(LanguageCode language, bool fetch,
        IProgress<DownloadProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var entry = Manifest.DefaultFor(language) ?? throw new CorpusDownloadException(
            $"{Manifest.Source} has no default corpus for {language.Name} ({language.Iso639_3}); give a corpus "
            + "path or name");
        return ResolveAsync(entry, fetch, progress, cancellationToken);
    }
}
