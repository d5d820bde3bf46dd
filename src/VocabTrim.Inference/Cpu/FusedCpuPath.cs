namespace VocabTrim.Inference.Cpu;

/// <summary>
/// The switch for the fused float32 CPU path (<c>Mt5CpuEncoder</c>, <c>Mt5CpuStep</c>): on by default;
/// <c>VOCABTRIM_FUSED_CPU=0</c> (or <c>off</c>, <c>false</c>) makes every model run through libtorch's ops alone,
/// a way out on a system where the fused kernels or the borrowed OpenMP threads misbehave. Both paths are held
/// to the same reference outputs by the tests.
/// </summary>
public static class FusedCpuPath
{
    public const string Variable = "VOCABTRIM_FUSED_CPU";

    /// <summary>Read at every use, so a process can change it between generations.</summary>
    public static bool Enabled => EnabledBy(Environment.GetEnvironmentVariable(Variable));

    public static bool EnabledBy(string? value) =>
        value?.Trim().ToLowerInvariant() is not ("0" or "off" or "false" or "no");
}
