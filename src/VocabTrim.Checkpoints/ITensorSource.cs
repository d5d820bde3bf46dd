namespace VocabTrim.Checkpoints;

/// <summary>
/// A tensor to be written: its description and a way to stream its bytes, so that a writer never needs a
/// whole multi-gigabyte matrix in memory.
/// </summary>
public interface ITensorSource
{
    /// <summary>The tensor as it will be written (name, dtype, shape).</summary>
    TensorInfo Info { get; }

    /// <summary>Writes exactly <c>Info.ByteLength</c> bytes, row-major, little-endian.</summary>
    void WriteTo(Stream destination);
}
