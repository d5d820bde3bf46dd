using TorchSharp;
using static TorchSharp.torch;

namespace VocabTrim.Inference.Cpu;

/// <summary>Raw access to float32 CPU tensors for the fused step, which reads and writes their memory directly.</summary>
internal static unsafe class CpuFloats
{
    /// <summary>
    /// The first element of <paramref name="tensor"/>. libtorch never moves a tensor's memory, so the pointer
    /// stays valid for as long as the tensor lives.
    /// </summary>
    public static float* Of(Tensor tensor)
    {
        if (tensor.device_type != DeviceType.CPU || tensor.dtype != ScalarType.Float32 || !tensor.is_contiguous())
            throw new ArgumentException($"expected a contiguous float32 CPU tensor, got {tensor.dtype} on {tensor.device} (contiguous: {tensor.is_contiguous()})", nameof(tensor));
        fixed (byte* p = tensor.bytes) return (float*)p;
    }
}
