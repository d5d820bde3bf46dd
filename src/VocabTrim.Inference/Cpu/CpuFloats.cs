using TorchSharp;
using static TorchSharp.torch;

namespace VocabTrim.Inference.Cpu;

/// <summary>
/// Raw access to float32 CPU tensors for the fused step, which reads and writes their memory directly.
/// </summary>
internal static unsafe class CpuFloats
{
    /// <summary>
    /// The first element of <paramref name="tensor"/>. libtorch never moves a tensor's memory, so the pointer
    /// stays valid for as long as the tensor lives.
    /// </summary>
    public static float* Of(Tensor tensor)
    {
        if (tensor.device_type != DeviceType.CPU || tensor.dtype != ScalarType.Float32 || !tensor.is_contiguous())
            throw new ArgumentException($"expected a contiguous float32 CPU tensor, got {tensor.dtype} on " +
                $"{tensor.device} (contiguous: {tensor.is_contiguous()})", nameof(tensor));
        return (float*)Address(tensor);
    }

    /// <summary>
    /// The first byte of a contiguous CPU tensor of any size. <c>Tensor.bytes</c> is a span, which cannot cover
    /// more than 2³¹ − 1 bytes (a BLOOMZ-176B head of 65,000 kept rows is 3.8 GB in float32): the span of the
    /// first element gives the same address for every size. The memory is libtorch's, so nothing needs pinning.
    /// </summary>
    public static byte* Address(Tensor tensor)
    {
        if (!tensor.is_contiguous()) throw new ArgumentException("expected a contiguous tensor", nameof(tensor));
        if (tensor.NumberOfElements == 0) return null;
        using var first = tensor.view(-1).narrow(0, 0, 1);
        fixed (byte* p = first.bytes) return p;
    }
}
