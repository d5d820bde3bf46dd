using TorchSharp;
using VocabTrim.Inference.Generation;
using static TorchSharp.torch;

namespace VocabTrim.Inference.Bloom;

/// <summary>
/// A BLOOM generation in progress: the left-padded prompts ran once; each step feeds one token per sequence,
/// extends the mask by one real position (so ALiBi positions keep counting tokens only) and reuses the cache.
/// </summary>
internal sealed class BloomDecodingState : IDecodingState
{
    private readonly BloomModel _model;
    private readonly KvCache _cache;
    private Tensor _mask;   // [batch, positions so far]
    private Tensor _logits; // [batch, vocab]
    private readonly Tensor[] _headInput = new Tensor[1]; // [batch, hidden]

    public BloomDecodingState(BloomModel model, IReadOnlyList<IReadOnlyList<long>> inputs, int maxNewTokens)
    {
        GenerationRequest.Check(model, inputs, maxNewTokens);
        _model = model;
        using var scope = NewDisposeScope();
        var batch = PaddedBatch.Left(inputs, model.PadTokenId, model.Device);
        _mask = batch.Mask;
        batch.Ids.DetachFromDisposeScope();
        _cache = model.NewCache(inputs.Count, batch.Ids.shape[1] + Math.Max(0, maxNewTokens - 1));
        // Left padding puts every sequence's last token at the last position.
        _logits = Last(model.Forward(batch.Ids, _mask, _cache, null, lastPositionOnly: true, _headInput)).DetachFromDisposeScope();
        batch.Ids.Dispose();
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
        var next = Last(_model.Forward(tokens.view(-1, 1), _mask, _cache, null, lastPositionOnly: false, _headInput)).DetachFromDisposeScope();
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
