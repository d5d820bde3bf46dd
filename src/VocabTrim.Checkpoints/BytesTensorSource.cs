namespace VocabTrim.Checkpoints;

/// <summary>A tensor whose bytes are already in memory (small tensors, tests, computed values).</summary>
public sealed class BytesTensorSource : ITensorSource
{
    private readonly ReadOnlyMemory<byte> _data;

    public BytesTensorSource(TensorInfo info, ReadOnlyMemory<byte> data)
    {
        if (data.Length != info.ByteLength)
            throw new ArgumentException($"tensor '{info.Name}' {info.Shape} {info.Dtype} needs {info.ByteLength} " +
                $"bytes, got {data.Length}", nameof(data));
        Info = info;
        _data = data;
    }

    public TensorInfo Info { get; }

    public void WriteTo(Stream destination) => destination.Write(_data.Span);
}
