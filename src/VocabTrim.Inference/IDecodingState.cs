using TorchSharp;

namespace VocabTrim.Inference;

/// <summary>One batch in the middle of generation: its caches, and the logits for the next token.</summary>
public interface IDecodingState : IDisposable
{
    /// <summary>
    /// Float32 logits of the next token of each sequence: [batch, vocab]. Valid until <see cref="Append"/>.
    /// </summary>
    torch.Tensor Logits { get; }

    /// <summary>
    /// What the LM head multiplied to give <see cref="Logits"/>: [batch, d_model] in the compute dtype (after the final
    /// norm, and after T5's rescaling for a tied head). Valid until <see cref="Append"/>. Another head of the same
    /// width (the original model's, before trimming) gives that model's logits for the same hidden states.
    /// </summary>
    torch.Tensor HeadInput { get; }

    /// <summary>
    /// Feeds one token per sequence (<paramref name="tokens"/> [batch] int64) and computes the next logits.
    /// </summary>
    void Append(torch.Tensor tokens);
}
