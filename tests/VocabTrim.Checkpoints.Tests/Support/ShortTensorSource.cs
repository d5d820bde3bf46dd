namespace VocabTrim.Checkpoints.Tests.Support;

/// <summary>A faulty source: declares an F32 [2] tensor (8 bytes) but writes only 4.</summary>
internal sealed class ShortTensorSource : ITensorSource
{
    public TensorInfo Info { get; } = new("short", Dtype.F32, new TensorShape(2));

    public void WriteTo(Stream destination) => destination.Write(new byte[4]);
}
