using System.Buffers;

namespace VocabTrim.Checkpoints;

/// <summary>
/// A write-only stream that converts the floating-point elements written to it and passes them on. Writes may
/// split an element; the bytes of an unfinished element wait for the next write.
/// </summary>
internal sealed class ConvertingStream(Stream destination, Dtype from, Dtype to) : Stream
{
    private const int ChunkElements = 1 << 16;
    private readonly int _fromSize = from.ElementSize;
    private readonly int _toSize = to.ElementSize;
    private readonly byte[] _partial = new byte[8];
    private int _partialLength;

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        if (_partialLength > 0)
        {
            var take = Math.Min(_fromSize - _partialLength, buffer.Length);
            buffer[..take].CopyTo(_partial.AsSpan(_partialLength));
            _partialLength += take;
            buffer = buffer[take..];
            if (_partialLength < _fromSize) return;
            Convert(_partial.AsSpan(0, _fromSize));
            _partialLength = 0;
        }
        var whole = buffer.Length - buffer.Length % _fromSize;
        for (var offset = 0; offset < whole; offset += ChunkElements * _fromSize)
            Convert(buffer[offset..Math.Min(whole, offset + ChunkElements * _fromSize)]);
        buffer[whole..].CopyTo(_partial);
        _partialLength = buffer.Length - whole;
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void WriteByte(byte value) => Write([value]);

    /// <summary>Checks that the source ended on an element boundary.</summary>
    public void Finish(string tensor)
    {
        if (_partialLength != 0)
            throw new InvalidDataException($"tensor '{tensor}': its data ended {_partialLength} bytes into a " +
                $"{from.SafetensorsName} element");
    }

    private void Convert(ReadOnlySpan<byte> elements)
    {
        var count = elements.Length / _fromSize;
        var output = ArrayPool<byte>.Shared.Rent(count * _toSize);
        try
        {
            FloatConversion.Convert(elements, from, output.AsSpan(0, count * _toSize), to);
            destination.Write(output, 0, count * _toSize);
        }
        finally { ArrayPool<byte>.Shared.Return(output); }
    }

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => throw new NotSupportedException();
    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }
    public override void Flush() => destination.Flush();
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
}
