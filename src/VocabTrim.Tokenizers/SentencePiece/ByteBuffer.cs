namespace VocabTrim.Tokenizers.SentencePiece;

/// <summary>A growable byte buffer reused across sentences to avoid allocation in the hot loop.</summary>
internal sealed class ByteBuffer
{
    private byte[] _data = new byte[256];

    public int Length { get; private set; }

    public ReadOnlySpan<byte> Span => _data.AsSpan(0, Length);

    public void Clear() => Length = 0;

    public void Append(byte b)
    {
        if (Length == _data.Length) Array.Resize(ref _data, _data.Length * 2);
        _data[Length++] = b;
    }

    public void Append(ReadOnlySpan<byte> bytes)
    {
        if (Length + bytes.Length > _data.Length) Array.Resize(ref _data,
            Math.Max(_data.Length * 2, Length + bytes.Length));
        bytes.CopyTo(_data.AsSpan(Length));
        Length += bytes.Length;
    }

    public void Truncate(int length) => Length = length;
}
