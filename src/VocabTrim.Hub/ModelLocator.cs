using VocabTrim.Common;

namespace VocabTrim.Hub;

/// <summary>
/// Turns what a user gives as a model (<c>--model</c>, a recipe's <c>model</c>) into a local Hugging Face
/// model folder: an existing folder as it is; a hub id (<c>org/name</c> or <c>name</c>) from the Hugging Face
/// cache when its revision is there, else downloaded into that cache (unless offline).
/// </summary>
public static class ModelLocator
{
    /// <inheritdoc cref="ResolveAsync"/>
    public static ResolvedModel Resolve(string model, string? revision = null, HubOptions? options = null,
        IProgress<DownloadProgress>? progress = null, CancellationToken cancellationToken = default) =>
        ResolveAsync(model, revision, options, progress, cancellationToken).GetAwaiter().GetResult();

    /// <summary>
    /// Resolves <paramref name="model"/>. A path that exists as a folder wins (and <paramref name="revision"/>
    /// does not apply to it); otherwise it must be a hub id. A cached snapshot of the revision (branch or tag
    /// through <c>refs/</c>, or a commit hash directly) that holds a whole model needs no network.
    /// </summary>
    /// <param name="options">Hub endpoint, token, cache and offline flag; null reads them from the environment.</param>
    /// <param name="progress">Per-file download progress, for a progress bar.</param>
    /// <exception cref="HubException">
    /// A folder without config.json, a missing path, an offline cache miss, or a failed download; one line naming what
    /// was looked at.
    /// </exception>
    public static async Task<ResolvedModel> ResolveAsync(
        string model, string? revision = null, HubOptions? options = null,
        IProgress<DownloadProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        if (Directory.Exists(model))
        {
            var folder = Path.GetFullPath(model);
            if (!File.Exists(Path.Combine(folder, ModelFolder.ConfigFileName)))
                throw new HubException($"{folder}: not a model folder: it has no {ModelFolder.ConfigFileName}");
            return new ResolvedModel(folder, null, null, ModelSource.Folder);
        }
        if (File.Exists(model))
            throw new HubException(
                $"{Path.GetFullPath(model)}: a file; give the model folder (with {ModelFolder.ConfigFileName} and the "
                + "weights) or a hub id");
        if (LooksLikePath(model) || !HubRepoId.IsValid(model))
            throw new HubException($"{model}: no such folder, and not a hub model id (org/name)");

        options ??= HubOptions.FromEnvironment();
        revision ??= HuggingFaceCache.DefaultRevision;
        var cache = new HuggingFaceCache(options.CacheDirectory);
        var cached = cache.Find(model, revision);
        var missing = cached == null ? null : ModelFolder.Missing(cached.Folder);
        if (cached != null && missing == null)
            return new ResolvedModel(cached.Folder, model, cached.Commit, ModelSource.Hub);

        if (options.Offline)
        {
            var looked = cached != null
                ? $"its snapshot {cached.Folder} lacks {missing}"
                : $"looked for {Path.Combine(cache.RepoFolder(model), "refs", revision)}"
                    + $"{(HuggingFaceCache.IsCommitHash(revision) ? $" and snapshots/{revision}" : "")}";
            throw new HubException(
                $"{model}@{revision}: not in the Hugging Face cache ({looked}) and HF_HUB_OFFLINE is set, so nothing "
                + "is downloaded");
        }

        using var downloader = new HubDownloader(options);
        var snapshot = await downloader.DownloadAsync(model, revision, progress, cancellationToken)
            .ConfigureAwait(false);
        return new ResolvedModel(snapshot.Folder, model, snapshot.Commit, ModelSource.Hub, Downloaded: true);
    }

    // Things a user means as a path, never as a hub id: "./x", "../x", "/abs", "~/x", "a/b/c", "C:\x".
    private static bool LooksLikePath(string model) =>
        model.StartsWith('.') || model.StartsWith('~') || Path.IsPathRooted(model) || model.Contains('\\')
        || model.Count(c => c == '/') > 1 || model.EndsWith('/');
}
