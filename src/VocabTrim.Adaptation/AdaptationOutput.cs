namespace VocabTrim.Adaptation;

/// <summary>
/// The output folder of an adaptation, built in a hidden work folder beside the target and renamed into place only
/// when every file is written, so a failure or Ctrl-C never leaves a half-written model where the user looks.
/// Disposing without <see cref="Commit"/> removes the work folder.
/// </summary>
public sealed class AdaptationOutput : IDisposable
{
    private bool _done;

    public AdaptationOutput(string target, bool overwrite)
    {
        Target = Path.TrimEndingDirectorySeparator(Path.GetFullPath(target));
        if (File.Exists(Target)) throw new AdaptationException($"{Target}: is a file; the output must be a folder");
        if (Directory.Exists(Target) && !overwrite && Directory.EnumerateFileSystemEntries(Target).Any())
            throw new AdaptationException($"{Target}: already exists; choose a new folder or replace it with --force");
        var parent = Path.GetDirectoryName(Target) ?? throw new AdaptationException($"cannot write to the root folder {Target}");
        Directory.CreateDirectory(parent);
        RemoveAbandoned(parent, Path.GetFileName(Target));
        // Beside the target: the final move is a rename within one file system.
        WorkFolder = Path.Combine(parent, $"{WorkPrefix(Path.GetFileName(Target))}{Guid.NewGuid():N}");
        Directory.CreateDirectory(WorkFolder);
        File.WriteAllText(Path.Combine(WorkFolder, OwnerFile), Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    private const string OwnerFile = "vocabtrim.pid";

    private static string WorkPrefix(string name) => $".{name}.vocabtrim-adapt-";

    /// <summary>
    /// Work folders of runs that were killed (SIGKILL, power loss) could not clean up after themselves; the next run
    /// for the same target removes those whose process is gone, and leaves alone those of runs still going.
    /// </summary>
    private static void RemoveAbandoned(string parent, string name)
    {
        foreach (var folder in Directory.EnumerateDirectories(parent, WorkPrefix(name) + "*"))
        {
            var owner = Path.Combine(folder, OwnerFile);
            if (File.Exists(owner) && int.TryParse(File.ReadAllText(owner), out var pid) && IsRunning(pid)) continue;
            TryDelete(folder);
        }
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException) { return false; }
        catch (InvalidOperationException) { return false; }
    }

    /// <summary>Where the finished folder goes.</summary>
    public string Target { get; }

    /// <summary>Scratch space for intermediate files (e.g. the keep list the trimmer reads).</summary>
    public string WorkFolder { get; }

    /// <summary>The folder being built; created by the model trimmer, then filled with the rest.</summary>
    public string Folder => Path.Combine(WorkFolder, "out");

    /// <summary>Moves the finished folder into place; an existing target is replaced only now.</summary>
    public void Commit()
    {
        if (_done) throw new InvalidOperationException("already committed");
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
        TryDelete(WorkFolder);
    }

    public void Dispose()
    {
        if (_done) return;
        _done = true;
        TryDelete(WorkFolder);
    }

    private static void TryDelete(string folder)
    {
        try { Directory.Delete(folder, recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}
