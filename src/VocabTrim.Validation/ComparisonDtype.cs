using VocabTrim.Checkpoints;
using VocabTrim.Inference;

namespace VocabTrim.Validation;

/// <summary>
/// The dtype both models run in, so that their logits are compared like with like. A slim model written in F16 or
/// BF16 (<c>trim --dtype</c>) from an original in another precision has weights rounded from the original's as
/// PyTorch rounds them; the inference core rounds the original's weights the same way when it loads them in
/// that dtype, so running both in the slim model's dtype leaves trimming as the only difference.
/// </summary>
internal static class ComparisonDtype
{
    /// <summary>
    /// The one floating-point dtype all weights of <paramref name="folder"/> are stored in; null when they are mixed.
    /// </summary>
    public static Dtype? StoredIn(string folder)
    {
        using var checkpoint = Checkpoint.Open(folder);
        var dtypes = checkpoint.Tensors.Values.Select(t => t.Dtype).Where(FloatConversion.IsFloatingPoint).Distinct()
            .ToList();
        return dtypes.Count == 1 ? dtypes[0] : null;
    }

    public static ComputeDtype Choose(Dtype? original, Dtype? slim, ComputeDtype asked) =>
        slim is Dtype.F16 or Dtype.BF16 && slim != original
            ? slim == Dtype.F16 ? ComputeDtype.Float16 : ComputeDtype.BFloat16
            : asked;

    public static string Name(ComputeDtype dtype) => dtype switch
    {
        ComputeDtype.Float32 => "float32",
        ComputeDtype.Float16 => "float16",
        ComputeDtype.BFloat16 => "bfloat16",
        _ => throw new ArgumentOutOfRangeException(nameof(dtype), dtype, null),
    };
}
