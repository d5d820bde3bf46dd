namespace VocabTrim.Common;

/// <summary>
/// Writes a file through a temporary sibling that is renamed into place only once complete, so a crash
/// or an error never leaves a truncated file (a checkpoint, a report) where a reader would find it.
/// The temporary file stays locked until it has its final name; temporaries of killed runs (their lock is free)
/// are removed by the next write of the same file.
/// </summary>
public static class AtomicFile
{
    private const int BufferBytes = 1 << 20;

    /// <param name="overwrite">
    /// Replace an existing file; when false, a file that exists at the final rename (made meanwhile by someone
    /// else) is left alone and <see cref="OutputExistsException"/> thrown.
    /// </param>
    public static void Write(string path, Action<Stream> write, bool overwrite = true)
    {
        var full = Path.GetFullPath(path);
        RemoveAbandoned(full);
        var (tmp, stream) = CreateTemporary(full);
        try
        {
            using (stream)
            {
                write(stream);
                stream.Flush(flushToDisk: true);
                // Renamed while still open (and so still locked): until then a sweep must not take it for abandoned.
                try { File.Move(tmp, full, overwrite); }
                catch (IOException) when (!overwrite && File.Exists(full)) { throw new OutputExistsException(full); }
            }
        }
        catch
        {
            try { File.Delete(tmp); } catch (IOException) { }
            throw;
        }
    }

    private static string Prefix(string full) => $"{full}.tmp-";

    private static (string Path, FileStream Stream) CreateTemporary(string full)
    {
        while (true)
        {
            var tmp = $"{Prefix(full)}{Environment.ProcessId}-{Guid.NewGuid():N}";
            FileStream stream;
            // A shared lock, which a sweep's exclusive one cannot take, and (on Windows) a file that can be renamed
            // while open.
            try { stream = new FileStream(tmp, FileMode.CreateNew, FileAccess.Write, FileShare.Delete, BufferBytes); }
            catch (IOException) when (File.Exists(tmp)) { continue; }
            // The OS's message would name the temporary file, which the user never asked for.
            catch (UnauthorizedAccessException e) { throw NotWritable.For(full, Path.GetDirectoryName(full)!, e); }
            // A sweep may have removed the new file between its creation and its locking.
            if (File.Exists(tmp)) return (tmp, stream);
            stream.Dispose();
        }
    }

    private static void RemoveAbandoned(string full)
    {
        var folder = Path.GetDirectoryName(full);
        if (folder == null || !Directory.Exists(folder)) return;
        foreach (var tmp in Directory.EnumerateFiles(folder, Path.GetFileName(Prefix(full)) + "*"))
        {
            using var abandoned = LockFile.TryTake(tmp, create: false);
        }
    }
}
