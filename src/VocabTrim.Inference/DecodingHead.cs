using static TorchSharp.torch;

namespace VocabTrim.Inference;

/// <summary>
/// An LM head's logits, computed as a decoding step computes them: every family's head goes through here, and so
/// does validation's original head (docs/validation.md), which applies the original's head rows to the slim model's
/// head inputs. A few float32 rows on the CPU (up to <see cref="FewRows"/>: a step's batch, or a prompt's last
/// positions) go through <see cref="FewRowProduct"/>, whose every output is summed in one order whatever rows and
/// output range come with it (<see cref="Cpu.RowKernels"/>, as in the fused mT5 step): the same head input and head
/// row give the same bits. More rows, or a GPU, go through torch's matmul, whose sums may be ordered by the shapes.
/// </summary>
public static class DecodingHead
{
    /// <summary>Head inputs this product takes through the few-row kernels; more go through matmul.</summary>
    public const int FewRows = FewRowProduct.MaxRows;

    /// <param name="headInputs">[..., d_model]: one row per sequence of a step, or per position of a prompt.</param>
    /// <param name="headRows">[count, d_model], any dtype the model's layers are stored in.</param>
    /// <returns>[..., count] logits, in <paramref name="headInputs"/>' dtype.</returns>
    public static Tensor Logits(Tensor headInputs, Tensor headRows) => Logits(headInputs, new Linear(headRows, null));

    internal static Tensor Logits(Tensor headInputs, Linear head)
    {
        // Inside a generation's steps the scope is already open; a prompt's last positions open it for the head
        // alone, since their product is bound by reading the head as a step's is.
        if (headInputs.NumberOfElements / Math.Max(1, head.In) > FewRows) return head.Forward(headInputs);
        using var threads = DecodingThreads.Enter();
        return head.Forward(headInputs);
    }
}
