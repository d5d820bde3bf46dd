using TorchSharp;
using static TorchSharp.torch;

namespace VocabTrim.Inference.Generation;

/// <summary>
/// A decoder-only generation in progress (BLOOM, Llama, Qwen2): the left-padded prompts ran once (every sequence's last
/// token in the last column); each step feeds one token per sequence, extends the mask by one real position (so
/// positions keep counting tokens only) and reuses the cache.
/// </summary>
internal sealed class LeftPaddedDecodingState : IDecodingState
{
    private readonly IDecoderOnlyNetwork _network;
    private readonly KvCache _cache;
    private Tensor _mask;   // [batch, positions so far]
    private Tensor _logits; // [batch, vocab]
    private readonly Tensor[] _headInput = new Tensor[1]; // [batch, hidden]

    public LeftPaddedDecodingState(IDecoderOnlyNetwork network, IReadOnlyList<IReadOnlyList<long>> inputs,
        int maxNewTokens)
    {
        if (network is ILanguageModel model) GenerationRequest.Check(model, inputs, maxNewTokens);
        _network = network;
        using var scope = NewDisposeScope();
        using var batch = PaddedBatch.Left(inputs, network.PadTokenId, network.Device);
        _mask = batch.Mask.clone().DetachFromDisposeScope();
        _cache = network.NewCache(inputs.Count, batch.Ids.shape[1] + Math.Max(0, maxNewTokens - 1));
        _logits = Last(network.Forward(batch.Ids, _mask, _cache, null, lastPositionOnly: true,
            _headInput)).DetachFromDisposeScope();
    }

    public Tensor Logits => _logits;

    public Tensor HeadInput => _headInput[0];

    public void Append(Tensor tokens /* [batch] */)
    {
        using var scope = NewDisposeScope();
        var mask = cat([_mask, ones([_mask.shape[0], 1], ScalarType.Int64, _mask.device)], 1).DetachFromDisposeScope();
        _mask.Dispose();
        _mask = mask;
        using var threads = DecodingThreads.Enter();
        _headInput[0].Dispose();
        var next = Last(_network.Forward(tokens.view(-1, 1), _mask, _cache, null, lastPositionOnly: false,
            _headInput)).DetachFromDisposeScope();
        _logits.Dispose();
        _logits = next;
    }

    private static Tensor Last(Tensor logits /* [batch, new, vocab] */) => logits.select(1, logits.shape[1] - 1);

    public void Dispose()
    {
        _logits.Dispose();
        _headInput[0]?.Dispose();
        _mask.Dispose();
        _cache.Dispose();
    }
}
