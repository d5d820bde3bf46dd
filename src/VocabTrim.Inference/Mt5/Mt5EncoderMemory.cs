using TorchSharp;
using static TorchSharp.torch;

namespace VocabTrim.Inference.Mt5;

/// <summary>
/// What the decoder needs from the encoder, computed once per batch: every decoder layer's cross-attention
/// keys and values of the encoder output, and the padding bias over encoder positions.
/// </summary>
public sealed class Mt5EncoderMemory : IDisposable
{
    internal Mt5EncoderMemory(Tensor hidden, Tensor[] keys, Tensor[] values, Tensor bias)
    {
        Hidden = hidden;
        Keys = keys;
        Values = values;
        Bias = bias;
    }

    /// <summary>Encoder output after its final norm: [batch, enc_seq, d_model].</summary>
    public Tensor Hidden { get; }

    /// <summary>Per decoder layer: [batch, heads, enc_seq, d_kv].</summary>
    public IReadOnlyList<Tensor> Keys { get; }

    /// <summary>Per decoder layer: [batch, heads, enc_seq, d_kv].</summary>
    public IReadOnlyList<Tensor> Values { get; }

    /// <summary>0 for tokens, the dtype's minimum for padding: [batch, 1, 1, enc_seq].</summary>
    public Tensor Bias { get; }

    public void Dispose()
    {
        Hidden.Dispose();
        foreach (var t in Keys) t.Dispose();
        foreach (var t in Values) t.Dispose();
        Bias.Dispose();
    }
}
