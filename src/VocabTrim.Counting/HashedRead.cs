using System.Security.Cryptography;
using VocabTrim.Corpora;

namespace VocabTrim.Counting;

/// <summary>
/// One read of a corpus file that serves two ends: the bytes go to the corpus reader and into a SHA-256 as they
/// pass, so a corpus is hashed in the pass that counts it (a Leipzig archive is decompressed once, not once to be
/// described and once to be counted). The reader may stop early (a sentence limit); <see cref="Finish"/> hashes the
/// rest.
/// </summary>
internal sealed class HashedRead : IDisposable
{
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private FileStream? _file;
    private string? _path;
    private long _length;
    private long _read;

    /// <summary>Hashes a whole file in one read (to identify a corpus before deciding whether to count it).</summary>
    public static (string Path, long Bytes, string Sha256) Of(string path, CancellationToken cancel = default)
    {
        using var read = new HashedRead();
        using (read.Open(path)) return read.Finish(cancel);
    }

    /// <summary>
    /// Opens the file for the reader; a pass opens it once (<see cref="LeipzigCorpus.Open"/>'s file opener).
    /// </summary>
    public Stream Open(string path)
    {
        if (_file != null) throw new InvalidOperationException($"{path}: a hashed read opens its file once");
        _file = LeipzigCorpus.OpenRead(path);
        _path = Path.GetFullPath(path);
        // What is left after the reader stops is hashed up to the length the file has: a device such as /dev/zero
        // reports none, and hashing it would otherwise never end.
        _length = _file.Length;
        return new Tap(this);
    }

    /// <summary>Reads and hashes what the reader left, and gives the file's full path, size and SHA-256.</summary>
    public (string Path, long Bytes, string Sha256) Finish(CancellationToken cancel = default)
    {
        if (_file == null) throw new InvalidOperationException("the corpus file was never opened");
        var buffer = new byte[1 << 20];
        while (_read < _length)
        {
            cancel.ThrowIfCancellationRequested();
            if (Read(buffer.AsSpan(0, (int)Math.Min(buffer.Length, _length - _read))) == 0) break;
        }
        return (_path!, _read, Convert.ToHexStringLower(_hash.GetHashAndReset()));
    }

    private int Read(Span<byte> buffer)
    {
        var n = _file!.Read(buffer);
        _hash.AppendData(buffer[..n]);
        _read += n;
        return n;
    }

    public void Dispose()
    {
        _file?.Dispose();
        _hash.Dispose();
    }

    /// <summary>
    /// The reader's view: forward only, and closing it leaves the file open for <see cref="Finish"/>.
    /// </summary>
    private sealed class Tap(HashedRead owner) : Stream
    {
        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));
        // Not bounded by the length: a device the reader is pointed at fails there as it would without the hash.
        public override int Read(Span<byte> buffer) => buffer.IsEmpty ? 0 : owner.Read(buffer);
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => owner._read; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
