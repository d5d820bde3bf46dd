using System.IO.MemoryMappedFiles;

namespace VocabTrim.Checkpoints;

/// <summary>
/// A read-only memory map of a whole checkpoint file. Reads copy from the mapping, so the operating system
/// pages in only what is touched and several threads can read at once; a 15 GB file costs address space, not RAM.
/// </summary>
internal sealed unsafe class MappedFile : IDisposable
{
    private readonly MemoryMappedFile? _map;
    private readonly MemoryMappedViewAccessor? _view;
    private byte* _pointer;

    public string Path { get; }

    public long Length { get; }

    private MappedFile(string path, long length, MemoryMappedFile? map, MemoryMappedViewAccessor? view)
    {
        Path = path;
        Length = length;
        _map = map;
        _view = view;
        if (view != null)
        {
            byte* p = null;
            view.SafeMemoryMappedViewHandle.AcquirePointer(ref p);
            _pointer = p + view.PointerOffset;
        }
    }

    public static MappedFile Open(string path)
    {
        var full = System.IO.Path.GetFullPath(path);
        FileStream stream;
        try { stream = new FileStream(full, FileMode.Open, FileAccess.Read, FileShare.Read); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        { throw new CheckpointFormatException(full, $"cannot open the file: {e.Message}"); }
        var length = stream.Length;
        // An empty file cannot be mapped; it has nothing to read either.
        if (length == 0)
        {
            stream.Dispose();
            return new MappedFile(full, 0, null, null);
        }
        var map = MemoryMappedFile.CreateFromFile(stream, null, 0, MemoryMappedFileAccess.Read, HandleInheritability.None, leaveOpen: false);
        var view = map.CreateViewAccessor(0, 0, MemoryMappedFileAccess.Read);
        return new MappedFile(full, length, map, view);
    }

    public void Read(long offset, Span<byte> destination)
    {
        if (offset < 0 || offset > Length - destination.Length)
            throw new ArgumentOutOfRangeException(nameof(offset), $"{Path}: bytes [{offset}, {offset + destination.Length}) are outside the file of {Length} bytes");
        if (destination.IsEmpty) return;
        ObjectDisposedException.ThrowIf(_pointer == null, this);
        new ReadOnlySpan<byte>(_pointer + offset, destination.Length).CopyTo(destination);
    }

    public byte[] ReadArray(long offset, int length)
    {
        var bytes = new byte[length];
        Read(offset, bytes);
        return bytes;
    }

    public void Dispose()
    {
        if (_pointer != null)
        {
            _pointer = null;
            _view!.SafeMemoryMappedViewHandle.ReleasePointer();
        }
        _view?.Dispose();
        _map?.Dispose();
    }
}
