namespace VocabTrim.Checkpoints;

/// <summary>What a checkpoint says about one tensor: its name, element type and shape.</summary>
public sealed record TensorInfo(string Name, Dtype Dtype, TensorShape Shape)
{
    public long ElementCount => Shape.ElementCount;

    public long ByteLength => checked(Shape.ElementCount * Dtype.ElementSize);

    /// <summary>Dimension 0: the vocabulary size for an embedding or LM head.</summary>
    public long RowCount => Shape.Rank > 0
        ? Shape[0]
        : throw new InvalidOperationException($"tensor '{Name}' is a scalar and has no rows");

    /// <summary>Bytes of one slice along dimension 0.</summary>
    public long RowByteLength => Shape.Rank > 0
        ? checked(Shape.RowElementCount * Dtype.ElementSize)
        : throw new InvalidOperationException($"tensor '{Name}' is a scalar and has no rows");

    public override string ToString() => $"{Name} {Dtype.SafetensorsName} {Shape}";
}
