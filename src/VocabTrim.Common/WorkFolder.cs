using System.Text.RegularExpressions;

namespace VocabTrim.Common;

/// <summary>
/// A hidden folder beside an output to build it in, <c>.NAME.vocabtrim-KIND-ID</c>, so the finished output can be
/// renamed into place within one file system. Its lock file <c>.NAME.vocabtrim-KIND-ID.lock</c> exists, locked, before
/// the folder does and is removed only after it, so a folder whose lock can be taken belongs to a run that died
/// (SIGKILL, power loss): the next run for the same output removes it, and can never remove a live one.
/// Disposing deletes the folder (unless it was renamed away) and then releases the lock.
/// </summary>
public sealed partial class WorkFolder : IDisposable
{
    private const string LockSuffix = ".lock";
    private readonly LockFile _lock;
    private bool _disposed;

    private WorkFolder(string path, LockFile held)
    {
        Path = path;
        _lock = held;
    }

    /// <summary>The folder to write into.</summary>
    public string Path { get; }

    /// <param name="kind">A short word naming the writer (<c>tmp</c>, <c>adapt</c>).</param>
    public static WorkFolder Create(string target, string kind)
    {
        var (parent, name) = Split(target);
        Directory.CreateDirectory(parent);
        RemoveAbandoned(parent, name);
        while (true)
        {
            var path = System.IO.Path.Combine(parent, $".{name}.vocabtrim-{kind}-{Guid.NewGuid():N}");
            // Only a sweep holding this brand-new name for a moment makes this null; then take another name.
            var held = LockFile.TryTake(path + LockSuffix, create: true);
            if (held == null) continue;
            try
            {
                Directory.CreateDirectory(path);
            }
            catch
            {
                held.Dispose();
                throw;
            }
            return new WorkFolder(path, held);
        }
    }

    /// <summary>
    /// Removes the work folders (and their lock files) for <paramref name="target"/> of runs no longer alive.
    /// </summary>
    public static void RemoveAbandoned(string target)
    {
        var (parent, name) = Split(target);
        if (Directory.Exists(parent)) RemoveAbandoned(parent, name);
    }

    private static void RemoveAbandoned(string parent, string name)
    {
        var prefix = $".{name}.vocabtrim-";
        foreach (var entry in Directory.EnumerateFileSystemEntries(parent, prefix + "*"))
        {
            var rest = System.IO.Path.GetFileName(entry)[prefix.Length..];
            if (!WorkName().IsMatch(rest)) continue;
            if (rest.EndsWith(LockSuffix, StringComparison.Ordinal))
            {
                using var abandoned = LockFile.TryTake(entry, create: false);
                if (abandoned != null) TryDelete(entry[..^LockSuffix.Length]);
            }
            else if (Directory.Exists(entry) && !File.Exists(entry + LockSuffix))
            {
                // A folder without its lock file was left by a vocabtrim from before the lock files.
                TryDelete(entry);
            }
        }
    }

    [GeneratedRegex(@"^[a-z]+-[0-9a-f]{32}(\.lock)?$")]
    private static partial Regex WorkName();

    private static (string Parent, string Name) Split(string target)
    {
        var full = System.IO.Path.TrimEndingDirectorySeparator(System.IO.Path.GetFullPath(target));
        var parent = System.IO.Path.GetDirectoryName(full)
            ?? throw new IOException($"cannot write to the root folder {full}");
        return (parent, System.IO.Path.GetFileName(full));
    }

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        TryDelete(Path);
        _lock.Dispose();
    }

    private static void TryDelete(string folder)
    {
        try { if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}
