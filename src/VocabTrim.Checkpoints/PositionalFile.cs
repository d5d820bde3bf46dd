using Microsoft.Win32.SafeHandles;

namespace VocabTrim.Checkpoints;

/// <summary>
/// A checkpoint file read by position (<c>pread</c>): several threads can read at once, and only the bytes asked
/// for are copied. Not a memory map on purpose: the pages of a mapping that has been read count towards the
/// process's resident set until unmapped, so streaming a 2 GB checkpoint through one grew RSS to 2 GB; positional
/// reads leave them in the OS page cache, where they cost the process nothing.
/// </summary>
internal sealed class PositionalFile : IDisposable
{
    private readonly SafeFileHandle _handle;

    public string Path { get; }

    public long Length { get; }

    private PositionalFile(string path, SafeFileHandle handle, long length)
    {
        Path = path;
        _handle = handle;
        Length = length;
    }

    public static PositionalFile Open(string path)
    {
        var full = System.IO.Path.GetFullPath(path);
        SafeFileHandle handle;
        try { handle = File.OpenHandle(full, FileMode.Open, FileAccess.Read, FileShare.Read); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        { throw new CheckpointFormatException(full, $"cannot open the file: {e.Message}"); }
        return new PositionalFile(full, handle, RandomAccess.GetLength(handle));
    }

    public void Read(long offset, Span<byte> destination)
    {
        if (offset < 0 || offset > Length - destination.Length)
            throw new ArgumentOutOfRangeException(nameof(offset),
                $"{Path}: bytes [{offset}, {offset + destination.Length}) are outside the file of {Length} bytes");
        ObjectDisposedException.ThrowIf(_handle.IsClosed, this);
        while (!destination.IsEmpty)
        {
            var n = RandomAccess.Read(_handle, destination, offset);
            // The length was checked when the file was opened; a shorter file now was truncated under us.
            if (n == 0)
                throw new CheckpointFormatException(Path,
                    $"the file ended at byte {offset}: it was truncated while being read");
            destination = destination[n..];
            offset += n;
        }
    }

    public byte[] ReadArray(long offset, int length)
    {
        var bytes = new byte[length];
        Read(offset, bytes);
        return bytes;
    }

    public void Dispose() => _handle.Dispose();
}
