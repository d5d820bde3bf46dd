namespace VocabTrim.Inference;

/// <summary>
/// Where to run: <c>--device cpu|cuda|auto</c>. Auto takes CUDA when the CUDA runtime is present and sees a GPU.
/// </summary>
public enum DeviceChoice
{
    Cpu,
    Cuda,
    Auto,
}
