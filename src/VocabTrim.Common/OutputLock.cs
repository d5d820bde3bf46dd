namespace VocabTrim.Common;

/// <summary>
/// The right to write one output (a file or a folder), held by at most one process at a time: a hidden lock file
/// beside the output, <c>.NAME.vocabtrim-lock</c>, held for as long as the writer runs and removed when it finishes.
/// A second run for the same output fails at once instead of replacing the first one's work.
/// </summary>
public static class OutputLock
{
    /// <exception cref="OutputBusyException">A live process holds the lock.</exception>
    public static LockFile Take(string target)
    {
        var full = System.IO.Path.TrimEndingDirectorySeparator(System.IO.Path.GetFullPath(target));
        var parent = System.IO.Path.GetDirectoryName(full)
            ?? throw new IOException($"cannot write to the root folder {full}");
        try
        {
            Directory.CreateDirectory(parent);
            return LockFile.TryTake(PathFor(full), create: true) ?? throw new OutputBusyException(full);
        }
        // The OS's message would name the hidden lock file, which the user never asked for.
        catch (UnauthorizedAccessException e) { throw NotWritable.For(full, parent, e); }
    }

    public static string PathFor(string target)
    {
        var full = System.IO.Path.TrimEndingDirectorySeparator(System.IO.Path.GetFullPath(target));
        return System.IO.Path.Combine(System.IO.Path.GetDirectoryName(full)!,
            $".{System.IO.Path.GetFileName(full)}.vocabtrim-lock");
    }
}
