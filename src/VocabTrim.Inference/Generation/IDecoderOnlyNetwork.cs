using TorchSharp;
using static TorchSharp.torch;

namespace VocabTrim.Inference.Generation;

/// <summary>
/// A decoder-only network as <see cref="LeftPaddedDecodingState"/> drives it: prompts left-padded, one cache.
/// </summary>
internal interface IDecoderOnlyNetwork
{
    long PadTokenId { get; }

    Device Device { get; }

    /// <summary>
    /// A cache for <paramref name="batch"/> sequences of up to <paramref name="capacity"/> positions.
    /// </summary>
    KvCache NewCache(long batch, long capacity);

    /// <summary>
    /// Runs <paramref name="ids"/> [batch, new] after the cached positions; <paramref name="mask"/> [batch, past + new]
    /// marks tokens (1) and padding (0). Float32 logits [batch, new, vocab], or [batch, 1, vocab] for the last
    /// position only. <paramref name="headInput"/>, when given, receives the head's input at the last position
    /// ([batch, hidden], owned by the caller).
    /// </summary>
    Tensor Forward(Tensor ids, Tensor mask, KvCache cache, List<Tensor>? hiddenStates, bool lastPositionOnly,
        Tensor[]? headInput);
}
