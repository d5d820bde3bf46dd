namespace VocabTrim.Checkpoints;

/// <summary>
/// Writes a file through a temporary sibling that is renamed into place only once complete, so a crash
/// or an error never leaves a truncated file (a checkpoint, a report) where a reader would find it.
/// </summary>
public static class AtomicFile
{
    private const int BufferBytes = 1 << 20;

    public static void Write(string path, Action<Stream> write)
    {
        var full = Path.GetFullPath(path);
        var tmp = $"{full}.tmp-{Environment.ProcessId}-{Guid.NewGuid():N}";
        try
        {
            using (var stream = new FileStream(tmp, FileMode.CreateNew, FileAccess.Write, FileShare.None, BufferBytes))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }
            File.Move(tmp, full, overwrite: true);
        }
        catch
        {
            try { File.Delete(tmp); } catch (IOException) { }
            throw;
        }
    }
}
