using TorchSharp;

namespace VocabTrim.Inference;

/// <summary>One batch in the middle of generation: its caches, and the logits for the next token.</summary>
public interface IDecodingState : IDisposable
{
    /// <summary>Float32 logits of the next token of each sequence: [batch, vocab]. Valid until <see cref="Append"/>.</summary>
    torch.Tensor Logits { get; }

    /// <summary>Feeds one token per sequence (<paramref name="tokens"/> [batch] int64) and computes the next logits.</summary>
    void Append(torch.Tensor tokens);
}
