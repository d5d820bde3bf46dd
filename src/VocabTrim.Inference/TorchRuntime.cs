using TorchSharp;

namespace VocabTrim.Inference;

/// <summary>
/// Picks the torch device for a <see cref="DeviceChoice"/>. The model code is the same on every device; which
/// devices exist depends on the libtorch runtime the build referenced (<c>-p:TorchBackend=cpu|cuda</c>).
/// </summary>
public static class TorchRuntime
{
    public static bool CudaAvailable
    {
        get
        {
            try { return torch.cuda.is_available(); }
            catch (Exception e) when (e is DllNotFoundException or TypeInitializationException or NotSupportedException)
            {
                return false;
            }
        }
    }

    public static torch.Device Resolve(DeviceChoice choice) => choice switch
    {
        DeviceChoice.Cpu => torch.CPU,
        DeviceChoice.Cuda => CudaAvailable ? torch.CUDA : throw new InferenceRequestException(
            "--device cuda: no CUDA device is usable. This build may have the CPU runtime only: rebuild with " +
            "-p:TorchBackend=cuda (see README), and check that the NVIDIA driver sees a GPU."),
        DeviceChoice.Auto => CudaAvailable ? torch.CUDA : torch.CPU,
        _ => throw new ArgumentOutOfRangeException(nameof(choice), choice, null),
    };

    /// <summary>
    /// Applies <see cref="InferenceOptions.Threads"/> (process-wide in libtorch) and returns the device.
    /// </summary>
    public static torch.Device Prepare(InferenceOptions options)
    {
        if (options.Threads > 0) torch.set_num_threads(options.Threads);
        return Resolve(options.Device);
    }

    /// <summary>DeviceChoice from <c>cpu|cuda|auto</c>.</summary>
    public static DeviceChoice ParseDevice(string name) => name.Trim().ToLowerInvariant() switch
    {
        "cpu" => DeviceChoice.Cpu,
        "cuda" or "gpu" => DeviceChoice.Cuda,
        "auto" => DeviceChoice.Auto,
        _ => throw new ArgumentException($"unknown device '{name}': use cpu, cuda or auto", nameof(name)),
    };
}
