using TorchSharp;
using VocabTrim.Inference.Generation;
using static TorchSharp.torch;

namespace VocabTrim.Inference.Mt5;

/// <summary>
/// An mT5 generation in progress: the encoder ran once (right-padded batch); each step feeds one decoder
/// token per sequence against the cached self-attention and the remembered cross-attention keys/values.
/// </summary>
internal sealed class Mt5DecodingState : IDecodingState
{
    private readonly Mt5Model _model;
    private readonly Mt5EncoderMemory _memory;
    private readonly KvCache _cache;
    private readonly Tensor _selfBias;               // [1, heads, capacity, capacity]
    private Tensor _logits;

    public Mt5DecodingState(Mt5Model model, IReadOnlyList<IReadOnlyList<long>> inputs, int maxNewTokens)
    {
        _model = model;
        using var scope = NewDisposeScope();
        using var batch = PaddedBatch.Right(inputs, model.PadTokenId, model.Device);
        var encoded = model.Encode(batch.Ids, batch.Mask);                              // [batch, enc_seq, d_model]
        _memory = model.Remember(encoded, batch.Mask);
        // Step k feeds decoder position k; the last step's token needs no position: maxNewTokens positions.
        _cache = model.NewCache(inputs.Count, Math.Max(1, maxNewTokens));
        _selfBias = model.DecoderSelfBias(_cache.Capacity).DetachFromDisposeScope();
        var start = full([inputs.Count, 1], model.Config.DecoderStartTokenId, ScalarType.Int64, model.Device);
        using var threads = DecodingThreads.Enter();
        _logits = Last(model.Decode(start, _memory, _cache, null, _selfBias)).DetachFromDisposeScope();
    }

    public Tensor Logits => _logits;

    public void Append(Tensor tokens /* [batch] */)
    {
        using var scope = NewDisposeScope();
        using var threads = DecodingThreads.Enter();
        var next = Last(_model.Decode(tokens.view(-1, 1), _memory, _cache, null, _selfBias)).DetachFromDisposeScope();
        _logits.Dispose();
        _logits = next;
    }

    private static Tensor Last(Tensor logits /* [batch, new, vocab] */) => logits.select(1, logits.shape[1] - 1); // [batch, vocab]

    public void Dispose()
    {
        _logits.Dispose();
        _cache.Dispose();
        _selfBias.Dispose();
        _memory.Dispose();
    }
}
