namespace VocabTrim.Common;

/// <summary>
/// A file held locked by this process until disposed; the operating system drops the lock when the process dies,
/// however it dies (on Linux and macOS .NET takes an exclusive <c>flock</c> for <see cref="FileShare.None"/>), so a
/// lock that can be taken belongs to nobody alive. Disposing deletes the file while still holding it.
/// </summary>
public sealed class LockFile : IDisposable
{
    private readonly FileStream _stream;
    private bool _released;

    private LockFile(string path, FileStream stream)
    {
        Path = path;
        _stream = stream;
    }

    public string Path { get; }

    /// <summary>
    /// Takes the lock of <paramref name="path"/>, creating the file when <paramref name="create"/>; null when a live
    /// process holds it, or (without <paramref name="create"/>) when there is no such file.
    /// </summary>
    public static LockFile? TryTake(string path, bool create)
    {
        path = System.IO.Path.GetFullPath(path);
        while (true)
        {
            FileStream stream;
            try
            {
                stream = new FileStream(path, create ? FileMode.OpenOrCreate : FileMode.Open, FileAccess.ReadWrite,
                    FileShare.None,
                    bufferSize: 1, FileOptions.None);
            }
            catch (FileNotFoundException) when (!create) { return null; }
            catch (DirectoryNotFoundException) when (!create) { return null; }
            catch (IOException) when (File.Exists(path)) { return null; }

            // Between opening the file and locking it, its last holder may have deleted it: then this process holds
            // a file nobody else can see while another may create and lock a new one under the name. Stamping the
            // held file and finding the stamp at the path proves the name is this file.
            var stamp = DateTime.UnixEpoch.AddTicks(Random.Shared.NextInt64(1L << 40, 1L << 54));
            bool ours;
            try
            {
                File.SetLastWriteTimeUtc(stream.SafeFileHandle, stamp);
                ours = File.Exists(path) && File.GetLastWriteTimeUtc(path) == stamp;
            }
            catch
            {
                stream.Dispose();
                throw;
            }
            if (ours) return new LockFile(path, stream);
            stream.Dispose();
            if (!create) return null;
        }
    }

    public void Dispose()
    {
        if (_released) return;
        _released = true;
        // Deleted before it is unlocked: whoever takes the lock next finds the name gone or someone else's.
        try { File.Delete(Path); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
        _stream.Dispose();
    }
}
