using System.Formats.Tar;

namespace VocabTrim.Corpora.Sources;

/// <summary>
/// The data of one tar entry, read straight from the (decompressing) archive stream. It owns the archive
/// and fails when the data ends early, because GZipStream and TarReader both end silently on a
/// truncated archive. <paramref name="atEnd"/> runs once when the data is read to its end, while the archive
/// is still open (to look at the entries after it).
/// </summary>
internal sealed class ArchiveEntryStream(Stream archive, TarReader reader, Stream data, long expectedLength,
    Action? atEnd = null) : Stream
{
    private long _read;
    private Action? _atEnd = atEnd;

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var n = data.Read(buffer);
        _read += n;
        if (n == 0 && buffer.Length > 0 && _read < expectedLength)
            throw new EndOfStreamException(
                $"the entry should hold {expectedLength:N0} bytes, the archive ends after {_read:N0}");
        if (n == 0 && buffer.Length > 0) Interlocked.Exchange(ref _atEnd, null)?.Invoke();
        return n;
    }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => expectedLength;

    public override long Position
    {
        get => _read;
        set => throw new NotSupportedException();
    }

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            reader.Dispose();
            archive.Dispose();
        }
        base.Dispose(disposing);
    }
}
