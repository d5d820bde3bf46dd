using System.Text;
using System.Text.RegularExpressions;
using VocabTrim.Common;

namespace VocabTrim.Hub;

/// <summary>
/// The on-disk layout of the Hugging Face hub cache, exactly as huggingface_hub writes it, so that
/// transformers finds what vocabtrim downloaded and the other way round:
/// <code>
/// models--{org}--{name}/refs/{revision}          the commit hash the branch or tag pointed to (no newline)
/// models--{org}--{name}/blobs/{etag}             file contents, named by the hub's ETag (sha256 for LFS files)
/// models--{org}--{name}/snapshots/{commit}/{file} relative symlink to ../../blobs/{etag}
/// </code>
/// </summary>
public sealed partial class HuggingFaceCache(string directory)
{
    public const string DefaultRevision = "main";

    public string Directory { get; } = Path.GetFullPath(directory);

    public static bool IsCommitHash(string revision) => CommitHash().IsMatch(revision);

    public string RepoFolder(string repoId) =>
        Path.Combine(Directory, "models--" + repoId.Replace("/", "--", StringComparison.Ordinal));

    /// <summary>
    /// The file holding the commit <paramref name="revision"/> resolved to (<c>refs/pr/1</c> nests folders, as in
    /// Python).
    /// </summary>
    public string RefPath(string repoId, string revision) =>
        Path.Combine(RepoFolder(repoId), "refs", ToLocal(revision));

    public string BlobPath(string repoId, string etag) => Path.Combine(RepoFolder(repoId), "blobs", etag);

    /// <summary>Where a blob is downloaded until complete and verified; a later download continues it.</summary>
    public string IncompletePath(string repoId, string etag) => BlobPath(repoId, etag) + ".incomplete";

    /// <summary>
    /// The lock file huggingface_hub takes while it downloads a blob: <c>.locks/models--{org}--{name}/{etag}.lock</c>.
    /// </summary>
    public string LockPath(string repoId, string etag) =>
        Path.Combine(Directory, ".locks", Path.GetFileName(RepoFolder(repoId)), etag + ".lock");

    /// <summary>
    /// Waits until no other process downloads blob <paramref name="etag"/>, then holds its lock until disposed.
    /// An exclusive open is an exclusive <c>flock</c> on Unix, the lock Python's filelock takes on the same file.
    /// </summary>
    public async Task<IDisposable> LockBlobAsync(string repoId, string etag,
        CancellationToken cancellationToken = default)
    {
        var path = LockPath(repoId, etag);
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (File.Exists(path))
            {
                // Held by another download: poll, as filelock does.
                await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    public string SnapshotFolder(string repoId, string commit) => Path.Combine(RepoFolder(repoId), "snapshots", commit);

    public string SnapshotFile(string repoId, string commit, string fileName) =>
        Path.Combine(SnapshotFolder(repoId, commit), ToLocal(fileName));

    /// <summary>
    /// The commit hash <c>refs/{revision}</c> holds, or null when the revision was never resolved here.
    /// </summary>
    public string? ReadRef(string repoId, string revision)
    {
        var path = RefPath(repoId, revision);
        if (!File.Exists(path)) return null;
        var commit = File.ReadAllText(path).Trim();
        return IsCommitHash(commit) ? commit : null;
    }

    /// <summary>
    /// Records that <paramref name="revision"/> is <paramref name="commit"/>; a commit hash needs no ref, as in
    /// huggingface_hub.
    /// </summary>
    public void WriteRef(string repoId, string revision, string commit)
    {
        if (revision == commit) return;
        var path = RefPath(repoId, revision);
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        // huggingface_hub writes the bare hash, no newline
        AtomicFile.Write(path, stream => stream.Write(Encoding.ASCII.GetBytes(commit)));
    }

    /// <summary>
    /// The snapshot <paramref name="revision"/> (a branch or tag through its ref, or a commit hash directly)
    /// points to, when that snapshot folder exists; whether it holds a whole model is <see cref="ModelFolder"/>'s
    /// question.
    /// </summary>
    public CachedSnapshot? Find(string repoId, string? revision = null)
    {
        revision ??= DefaultRevision;
        var commit = ReadRef(repoId, revision) ?? (IsCommitHash(revision) ? revision : null);
        if (commit == null) return null;
        var folder = SnapshotFolder(repoId, commit);
        return System.IO.Directory.Exists(folder) ? new CachedSnapshot(repoId, commit, folder) : null;
    }

    /// <summary>
    /// Points <c>snapshots/{commit}/{fileName}</c> at <c>blobs/{etag}</c> with a relative symlink (what
    /// huggingface_hub makes, so the cache can be moved); where symlinks are not allowed, a copy.
    /// </summary>
    public string Link(string repoId, string commit, string fileName, string etag)
    {
        var blob = BlobPath(repoId, etag);
        var pointer = SnapshotFile(repoId, commit, fileName);
        var folder = Path.GetDirectoryName(pointer)!;
        System.IO.Directory.CreateDirectory(folder);
        var tmp = Path.Combine(folder, $".{Path.GetFileName(pointer)}.tmp-{Environment.ProcessId}-{Guid.NewGuid():N}");
        try
        {
            File.CreateSymbolicLink(tmp, Path.GetRelativePath(folder, blob));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or PlatformNotSupportedException)
        {
            File.Copy(blob, tmp);
        }
        File.Move(tmp, pointer, overwrite: true);
        return pointer;
    }

    private static string ToLocal(string hubPath) => hubPath.Replace('/', Path.DirectorySeparatorChar);

    [GeneratedRegex("^[0-9a-f]{40}$")]
    private static partial Regex CommitHash();
}
