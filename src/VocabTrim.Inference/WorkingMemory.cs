using static TorchSharp.torch;

namespace VocabTrim.Inference;

/// <summary>
/// The parts of a model's working-memory estimate (<see cref="ILanguageModel.WorkingBytes"/>) the families share.
/// </summary>
internal static class WorkingMemory
{
    // A prompt pass holds several [batch, heads, queries, keys] score tensors at once (products, scaled, biased,
    // masked, softmax in float32) and the masks beside them.
    private const double ScoreCopies = 8;

    // Activations of one layer alive at once: input, normed, the widest projection and its activation.
    private const double ActivationCopies = 4;

    public static double ElementSize(ScalarType dtype) => dtype is ScalarType.Float16 or ScalarType.BFloat16 ? 2 : 4;

    public static double Attention(double batch, double heads, double queries, double keys) =>
        ScoreCopies * batch * heads * queries * keys * sizeof(float);

    public static double Activations(double batch, double length, double width, double element) =>
        ActivationCopies * batch * length * width * element;

    /// <summary>A step's float32 logits, on the device and copied to the host.</summary>
    public static double Logits(double batch, double vocabulary) => 2.0 * batch * vocabulary * sizeof(float);
}
