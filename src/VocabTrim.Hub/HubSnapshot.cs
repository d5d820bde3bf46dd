namespace VocabTrim.Hub;

/// <summary>A model snapshot made complete in the cache by <see cref="HubDownloader"/>.</summary>
/// <param name="Files">
/// The model's files, as named in the repository (all present in <paramref name="Folder"/>).
/// </param>
/// <param name="DownloadedFiles">
/// How many of them had to be downloaded (the others were already in <c>blobs/</c>).
/// </param>
/// <param name="DownloadedBytes">Bytes transferred, not counting those a resumed download already had.</param>
public sealed record HubSnapshot(string RepoId, string Commit, string Folder, IReadOnlyList<string> Files,
    int DownloadedFiles, long DownloadedBytes);
