namespace VocabTrim.Counting;

/// <summary>
/// Writes output files into a hidden folder next to the target and moves them into place only when all
/// are complete, so that a failure or crash never leaves a half-written file in the target.
/// Disposing without <see cref="Commit"/> deletes what was staged.
/// </summary>
public sealed class StagingFolder : IDisposable
{
    private bool _done;

    public StagingFolder(string target)
    {
        Target = System.IO.Path.TrimEndingDirectorySeparator(System.IO.Path.GetFullPath(target));
        var parent = System.IO.Path.GetDirectoryName(Target)
            ?? throw new ArgumentException($"cannot write to the root folder {Target}");
        Directory.CreateDirectory(parent);
        // Same parent as the target: the final moves are renames within one file system.
        Path = System.IO.Path.Combine(parent, $".{System.IO.Path.GetFileName(Target)}.vocabtrim-tmp-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Path);
    }

    /// <summary>The folder that receives the files on <see cref="Commit"/>.</summary>
    public string Target { get; }

    /// <summary>The hidden folder to write into.</summary>
    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    /// <summary>
    /// Moves the staged files into <see cref="Target"/>. A new target is created by renaming the staging
    /// folder; into an existing one each file is renamed over its old version, <paramref name="last"/>
    /// (an index file such as counts.json) after all others.
    /// </summary>
    public void Commit(string? last = null)
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
                .ThenBy(f => f, StringComparer.Ordinal);
            foreach (var file in files)
                System.IO.File.Move(file, System.IO.Path.Combine(Target, System.IO.Path.GetFileName(file)), overwrite: true);
            Directory.Delete(Path, recursive: true);
        }
        _done = true;
    }

    public void Dispose()
    {
        if (_done) return;
        _done = true;
        try { Directory.Delete(Path, recursive: true); }
        catch (IOException) { }
    }
}
