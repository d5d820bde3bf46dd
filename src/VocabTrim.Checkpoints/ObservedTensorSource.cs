namespace VocabTrim.Checkpoints;

/// <summary>
/// A tensor source that reports the bytes it has written and stops when cancelled, so that writing a
/// multi-gigabyte checkpoint can show progress and end promptly on Ctrl-C.
/// </summary>
public sealed class ObservedTensorSource(ITensorSource inner, Action<long> written,
    CancellationToken cancel) : ITensorSource
{
    public TensorInfo Info => inner.Info;

    public void WriteTo(Stream destination)
    {
        cancel.ThrowIfCancellationRequested();
        inner.WriteTo(new ObservedStream(destination, written, cancel));
    }

    private sealed class ObservedStream(Stream inner, Action<long> written, CancellationToken cancel) : Stream
    {
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }
        public override void Flush() => inner.Flush();
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            cancel.ThrowIfCancellationRequested();
            inner.Write(buffer);
            written(buffer.Length);
        }

        public override void WriteByte(byte value) => Write([value]);
    }
}
