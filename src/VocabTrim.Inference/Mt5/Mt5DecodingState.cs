using TorchSharp;
using VocabTrim.Inference.Cpu;
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
    private readonly Mt5CpuStep? _cpuStep;           // the fused float32 CPU step, where it applies
    private readonly long[] _tokens;
    private Tensor _logits;
    private readonly Tensor[] _headInput = new Tensor[1];  // the libtorch path's [batch, d_model]

    /// <param name="fused">
    /// Whether the encoder and the steps may run as <see cref="Mt5CpuEncoder"/> and <see cref="Mt5CpuStep"/> where they
    /// apply (tests and benchmarks turn it off to compare with the libtorch path).
    /// </param>
    public Mt5DecodingState(Mt5Model model, IReadOnlyList<IReadOnlyList<long>> inputs, int maxNewTokens,
        bool fused = true)
    {
        GenerationRequest.Check(model, inputs, maxNewTokens);
        _model = model;
        using var scope = NewDisposeScope();
        using var batch = PaddedBatch.Right(inputs, model.PadTokenId, model.Device);
        var encoded = model.Encode(batch.Ids, batch.Mask, null, fused);                 // [batch, enc_seq, d_model]
        _memory = model.Remember(encoded, batch.Mask);
        // Step k feeds decoder position k; the last step's token needs no position: maxNewTokens positions.
        _cache = model.NewCache(inputs.Count, Math.Max(1, maxNewTokens));
        _selfBias = model.DecoderSelfBias(_cache.Capacity).DetachFromDisposeScope();
        _tokens = new long[inputs.Count];
        using var threads = DecodingThreads.Enter();
        if (fused && Mt5CpuStep.Applies(model, inputs.Count))
        {
            _cpuStep = new Mt5CpuStep(model, _memory, _cache, _selfBias, inputs.Count,
                ITeam.Create(FewRowProduct.Threads));
            Array.Fill(_tokens, model.Config.DecoderStartTokenId);
            _logits = _cpuStep.Step(_tokens).DetachFromDisposeScope();
            return;
        }
        var start = full([inputs.Count, 1], model.Config.DecoderStartTokenId, ScalarType.Int64, model.Device);
        _logits = Last(model.Decode(start, _memory, _cache, null, _selfBias, _headInput)).DetachFromDisposeScope();
    }

    public Tensor Logits => _logits;

    public Tensor HeadInput => _cpuStep?.HeadInput ?? _headInput[0];

    /// <summary>Whether the steps run as <see cref="Mt5CpuStep"/>.</summary>
    internal bool UsesFusedStep => _cpuStep is not null;

    public void Append(Tensor tokens /* [batch] */)
    {
        using var scope = NewDisposeScope();
        using var threads = DecodingThreads.Enter();
        if (_cpuStep is not null)
        {
            using var host = tokens.cpu().to(ScalarType.Int64).contiguous();
            host.data<long>().CopyTo(_tokens);
            var logits = _cpuStep.Step(_tokens).DetachFromDisposeScope();
            _logits.Dispose();
            _logits = logits;
            return;
        }
        _headInput[0]?.Dispose();
        var next = Last(_model.Decode(tokens.view(-1, 1), _memory, _cache, null, _selfBias,
            _headInput)).DetachFromDisposeScope();
        _logits.Dispose();
        _logits = next;
    }

    // [batch, vocab]
    private static Tensor Last(Tensor logits /* [batch, new, vocab] */) => logits.select(1, logits.shape[1] - 1);

    public void Dispose()
    {
        _cpuStep?.Dispose();
        _headInput[0]?.Dispose();
        _logits.Dispose();
        _cache.Dispose();
        _selfBias.Dispose();
        _memory.Dispose();
    }
}
