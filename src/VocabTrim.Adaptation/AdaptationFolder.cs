using VocabTrim.Common;

namespace VocabTrim.Adaptation;

/// <summary>
/// The output folder of an adaptation, built in a hidden work folder beside the target and renamed into place only
/// when every file is written, so a failure or Ctrl-C never leaves a half-written model where the user looks. It is
/// the run's one staging: the stages write straight into <see cref="Folder"/>.
/// The target's <see cref="OutputLock"/> is held from the start, so a second run for the same folder fails at once;
/// work folders of killed runs are removed (<see cref="Common.WorkFolder"/>). Disposing without <see cref="Commit"/>
/// removes the work folder.
/// </summary>
internal sealed class AdaptationFolder : IDisposable
{
    private readonly LockFile _lock;
    private readonly Common.WorkFolder _work;
    private readonly bool _overwrite;
    private bool _done;

    public AdaptationFolder(string target, bool overwrite)
    {
        Target = Path.TrimEndingDirectorySeparator(Path.GetFullPath(target));
        _overwrite = overwrite;
        if (File.Exists(Target)) throw new AdaptationException($"{Target}: is a file; the output must be a folder");
        if (Path.GetDirectoryName(Target) == null)
            throw new AdaptationException($"cannot write to the root folder {Target}");
        try { _lock = OutputLock.Take(Target); }
        catch (OutputBusyException e) { throw new AdaptationException(e.Message); }
        try
        {
            RefuseExisting();
            // Beside the target: the final move is a rename within one file system.
            _work = Common.WorkFolder.Create(Target, "adapt");
        }
        catch
        {
            _lock.Dispose();
            throw;
        }
    }

    /// <summary>Where the finished folder goes.</summary>
    public string Target { get; }

    private string WorkFolder => _work.Path;

    /// <summary>The folder being built; created by the model trimmer, then filled with the rest.</summary>
    public string Folder => Path.Combine(WorkFolder, "out");

    private void RefuseExisting()
    {
        if (Directory.Exists(Target) && !_overwrite && Directory.EnumerateFileSystemEntries(Target).Any())
            throw new AdaptationException($"{Target}: already exists; choose a new folder or replace it with --force");
    }

    /// <summary>
    /// Moves the finished folder into place; an existing target is replaced only now, and only with overwrite (it is
    /// checked again here: something other than vocabtrim may have made it meanwhile).
    /// </summary>
    public void Commit()
    {
        if (_done) throw new InvalidOperationException("already committed");
        RefuseExisting();
        if (Directory.Exists(Target))
        {
            var old = Path.Combine(WorkFolder, "replaced");
            Directory.Move(Target, old);
            Directory.Move(Folder, Target);
        }
        else
        {
            Directory.Move(Folder, Target);
        }
        _done = true;
        Dispose();
    }

    public void Dispose()
    {
        _done = true;
        _work.Dispose();
        _lock.Dispose();
    }
}
