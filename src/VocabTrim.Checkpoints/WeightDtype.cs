namespace VocabTrim.Checkpoints;

/// <summary>
/// The dtype trimming writes floating-point weights in (<c>--dtype</c>, the recipe's <c>dtype</c>); integer and
/// bool tensors are never converted.
/// </summary>
public enum WeightDtype
{
    /// <summary>Every tensor in the dtype the original stores it in.</summary>
    Keep,
    Float32,
    Float16,
    BFloat16,
}

public static class WeightDtypes
{
    /// <summary>The names <c>--dtype</c> and recipes accept, as <see cref="Parse"/> reads them.</summary>
    public static IReadOnlyList<string> Names { get; } = ["keep", "float32", "float16", "bfloat16"];

    /// <summary>Reads the names of <c>--dtype</c> and recipes: keep, float32, float16, bfloat16.</summary>
    /// <exception cref="FormatException">
    /// Another name; the option and the recipe schema accept only <see cref="Names"/>.
    /// </exception>
    public static WeightDtype Parse(string name) => name.Trim().ToLowerInvariant() switch
    {
        "keep" => WeightDtype.Keep,
        "float32" => WeightDtype.Float32,
        "float16" => WeightDtype.Float16,
        "bfloat16" => WeightDtype.BFloat16,
        _ => throw new FormatException($"dtype '{name}': expected keep, float32, float16 or bfloat16"),
    };

    extension(WeightDtype dtype)
    {
        /// <summary>
        /// The name config.json's <c>torch_dtype</c>, <c>--dtype</c> and recipes use; "keep" for
        /// <see cref="WeightDtype.Keep"/>.
        /// </summary>
        public string Name => dtype switch
        {
            WeightDtype.Keep => "keep",
            WeightDtype.Float32 => "float32",
            WeightDtype.Float16 => "float16",
            WeightDtype.BFloat16 => "bfloat16",
            _ => throw new ArgumentOutOfRangeException(nameof(dtype), dtype, null),
        };

        /// <summary>
        /// The checkpoint dtype floating-point tensors are written in; null for <see cref="WeightDtype.Keep"/>.
        /// </summary>
        public Dtype? Checkpoint => dtype switch
        {
            WeightDtype.Keep => null,
            WeightDtype.Float32 => Dtype.F32,
            WeightDtype.Float16 => Dtype.F16,
            WeightDtype.BFloat16 => Dtype.BF16,
            _ => throw new ArgumentOutOfRangeException(nameof(dtype), dtype, null),
        };
    }
}
