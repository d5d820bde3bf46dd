using TorchSharp;

namespace VocabTrim.Inference;

/// <summary>Names and torch types of <see cref="ComputeDtype"/>.</summary>
public static class ComputeDtypes
{
    /// <summary>Reads the names users type: float32/fp32/f32, bfloat16/bf16, float16/fp16/f16/half.</summary>
    public static ComputeDtype Parse(string name) => name.Trim().ToLowerInvariant() switch
    {
        "float32" or "fp32" or "f32" or "float" => ComputeDtype.Float32,
        "bfloat16" or "bf16" => ComputeDtype.BFloat16,
        "float16" or "fp16" or "f16" or "half" => ComputeDtype.Float16,
        _ => throw new ArgumentException($"unknown dtype '{name}': use float32, bfloat16 or float16", nameof(name)),
    };

    public static torch.ScalarType ToScalarType(this ComputeDtype dtype) => dtype switch
    {
        ComputeDtype.Float32 => torch.ScalarType.Float32,
        ComputeDtype.BFloat16 => torch.ScalarType.BFloat16,
        ComputeDtype.Float16 => torch.ScalarType.Float16,
        _ => throw new ArgumentOutOfRangeException(nameof(dtype), dtype, null),
    };
}
