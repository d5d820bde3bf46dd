using TorchSharp;
using static TorchSharp.torch;

namespace VocabTrim.Inference.Mt5;

/// <summary>
/// T5 activations grow past float16's range in some layers; transformers clamps them just inside it so that
/// an fp16 run degrades instead of producing inf/NaN. Other dtypes pass through.
/// </summary>
internal static class Fp16
{
    private const double Limit = 65504.0 - 1000.0;

    public static Tensor Clamp(Tensor x) => x.dtype == ScalarType.Float16 ? x.clamp(-Limit, Limit) : x;
}
