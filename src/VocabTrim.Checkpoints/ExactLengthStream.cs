namespace VocabTrim.Checkpoints;

/// <summary>
/// Passes writes through to a file while holding a tensor source to its declared byte count: a source that
/// writes too much or too little would shift every later tensor and corrupt the file silently.
/// </summary>
internal sealed class ExactLengthStream(Stream inner, string tensor, long expected) : Stream
{
    public long Written { get; private set; }

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => Written; set => throw new NotSupportedException(); }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        if (buffer.Length > expected - Written)
            throw new InvalidOperationException(
                $"the source of tensor '{tensor}' wrote more than its {expected} bytes");
        inner.Write(buffer);
        Written += buffer.Length;
    }

    public override void WriteByte(byte value) => Write([value]);

    /// <summary>Throws unless exactly the expected number of bytes went through.</summary>
    public void CheckComplete()
    {
        if (Written != expected)
            throw new InvalidOperationException($"the source of tensor '{tensor}' wrote {Written} bytes instead of " +
                $"{expected}");
    }

    public override void Flush() => inner.Flush();

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}
