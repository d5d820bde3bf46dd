namespace VocabTrim.Inference;

/// <summary>How to run a model: device, compute dtype and CPU threads (0 leaves libtorch's default).</summary>
public sealed record InferenceOptions(
    DeviceChoice Device = DeviceChoice.Cpu,
    ComputeDtype Dtype = ComputeDtype.Float32,
    int Threads = 0)
{
    public static InferenceOptions Default { get; } = new();
}
