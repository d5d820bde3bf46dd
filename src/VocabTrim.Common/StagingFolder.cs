namespace VocabTrim.Common;

/// <summary>
/// Writes output files into a hidden folder next to the target and moves them into place only when all
/// are complete, so that a failure or crash never leaves a half-written file in the target.
/// Disposing without <see cref="Commit"/> deletes what was staged; what a killed run staged is deleted by the next
/// run for the same target (see <see cref="WorkFolder"/>). Whoever may write the target concurrently should hold
/// its <see cref="OutputLock"/>.
/// </summary>
public sealed class StagingFolder : IDisposable
{
    private readonly WorkFolder _work;
    private bool _done;

    public StagingFolder(string target)
    {
        Target = System.IO.Path.TrimEndingDirectorySeparator(System.IO.Path.GetFullPath(target));
        if (System.IO.Path.GetDirectoryName(Target) == null)
            throw new ArgumentException($"cannot write to the root folder {Target}");
        // Same parent as the target: the final moves are renames within one file system.
        _work = WorkFolder.Create(Target, "tmp");
    }

    /// <summary>The folder that receives the files on <see cref="Commit"/>.</summary>
    public string Target { get; }

    /// <summary>The hidden folder to write into.</summary>
    public string Path => _work.Path;

    public string File(string name) => System.IO.Path.Combine(Path, name);

    /// <summary>
    /// Moves the staged files into <see cref="Target"/>. A new target is created by renaming the staging
    /// folder; into an existing one each file is renamed over its old version, <paramref name="last"/>
    /// (an index file such as counts.json) after all others.
    /// </summary>
    /// <param name="overwrite">
    /// Replace files already in the target; when false, a file found there now fails the commit with
    /// <see cref="OutputExistsException"/> before anything is moved.
    /// </param>
    public void Commit(string? last = null, bool overwrite = true)
    {
        if (_done) throw new InvalidOperationException("already committed");
        if (!Directory.Exists(Target))
        {
            Directory.Move(Path, Target);
        }
        else
        {
            var files = Directory.GetFiles(Path)
                .OrderBy(f => System.IO.Path.GetFileName(f) == last)
                .ThenBy(f => f, StringComparer.Ordinal)
                .Select(f => (From: f, To: System.IO.Path.Combine(Target, System.IO.Path.GetFileName(f))))
                .ToList();
            if (!overwrite && files.FirstOrDefault(f => System.IO.File.Exists(f.To)) is { To: { } existing })
                throw new OutputExistsException(existing);
            foreach (var (from, to) in files) System.IO.File.Move(from, to, overwrite);
        }
        _done = true;
        _work.Dispose();
    }

    public void Dispose()
    {
        _done = true;
        _work.Dispose();
    }
}
