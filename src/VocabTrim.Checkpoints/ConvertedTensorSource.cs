namespace VocabTrim.Checkpoints;

/// <summary>
/// A floating-point tensor written in another floating-point dtype (<see cref="FloatConversion"/>), converted
/// chunk by chunk as the inner source streams it, so a multi-gigabyte matrix is never held whole.
/// </summary>
public sealed class ConvertedTensorSource : ITensorSource
{
    private readonly ITensorSource _inner;

    public ConvertedTensorSource(ITensorSource inner, Dtype dtype)
    {
        if (!FloatConversion.IsFloatingPoint(inner.Info.Dtype) || !FloatConversion.IsFloatingPoint(dtype))
            throw new ArgumentException($"tensor '{inner.Info.Name}': only F32, F16 and BF16 convert, not " +
                $"{inner.Info.Dtype.SafetensorsName} → {dtype.SafetensorsName}");
        _inner = inner;
        Info = inner.Info with { Dtype = dtype };
    }

    public TensorInfo Info { get; }

    public void WriteTo(Stream destination)
    {
        using var converting = new ConvertingStream(destination, _inner.Info.Dtype, Info.Dtype);
        _inner.WriteTo(converting);
        converting.Finish(_inner.Info.Name);
    }
}
