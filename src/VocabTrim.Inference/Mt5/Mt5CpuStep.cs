using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using TorchSharp;
using VocabTrim.Inference.Cpu;
using VocabTrim.Inference.Generation;
using static TorchSharp.torch;

namespace VocabTrim.Inference.Mt5;

/// <summary>
/// One mT5 decoding step (one new token per sequence) computed directly on the float32 CPU memory of the
/// model's weights, the KV cache and the encoder memory. It does what
/// <see cref="Mt5Model.Decode(Tensor, Mt5EncoderMemory, KvCache, List{Tensor})"/> does, operation for operation, but as
/// ~65 parallel parts on an <see cref="ITeam"/> instead of ~450 libtorch calls: at batch 1 those calls, each a
/// dispatch, an allocation and a thread hand-off, cost as much as reading the decoder's weights. Elementwise work
/// (norms, residuals, gates) is fused into the parts around it. Results differ from the libtorch path in summation
/// order and in gelu's tanh (taken through exp), by ~1e-6 relative; the reference tests hold this path to transformers'
/// logits. Used for float32 on the CPU at batch ≤ <see cref="MaxBatch"/>; everything else (GPU, half precision,
/// erf-gelu, hidden states, larger batches, where MKL's products win) goes through libtorch.
/// </summary>
internal sealed unsafe class Mt5CpuStep : IDisposable
{
    private readonly Mt5Model _model;
    private readonly KvCache _cache;
    private readonly ITeam _team;
    private readonly int _batch;
    private readonly int _d;
    private readonly int _inner;
    private readonly int _ff;
    private readonly Layer[] _layers;
    private readonly float* _finalNorm;
    private readonly float* _head;          // [vocab, d_model]
    private readonly float* _embedding;     // [vocab, d_model]
    private readonly float* _selfBias;      // [1, heads, capacity, capacity]: relative positions + causal mask
    private readonly float* _crossBias;     // [batch, 1, 1, enc_seq]: 0 or the padding minimum
    private readonly int _encoderLength;
    private readonly float _epsilon;
    private readonly ScratchBuffer _x, _normed, _qkv, _context, _projected, _gated;
    private readonly RowProductJob _product = new();
    private readonly SingleQueryAttentionJob _attention = new();
    private readonly FeedForwardInJob _feedForward;  // the same buffers every layer; only the weight changes

    private readonly struct Layer
    {
        public float* SelfNorm { get; init; }    // [d_model]
        public float* Qkv { get; init; }         // [3 · inner, d_model]: q | k | v
        public float* SelfOut { get; init; }     // [d_model, inner]
        public float* CrossNorm { get; init; }   // [d_model]
        public float* CrossQuery { get; init; }  // [inner, d_model]
        public float* CrossOut { get; init; }    // [d_model, inner]
        public float* CrossKeys { get; init; }   // [batch, heads, enc_seq, d_kv]
        public float* CrossValues { get; init; } // [batch, heads, enc_seq, d_kv]
        public float* FfNorm { get; init; }      // [d_model]
        public float* FfIn { get; init; }        // [2 · d_ff or d_ff, d_model]
        public float* FfOut { get; init; }       // [d_model, d_ff]
        public float* SelfKeys { get; init; }    // cache [batch, heads, capacity, d_kv]
        public float* SelfValues { get; init; }  // cache [batch, heads, capacity, d_kv]
    }

    /// <summary>
    /// Sequences a fused step takes: validation's default 16 and more, while the rows of x stay in L1/L2.
    /// </summary>
    public const int MaxBatch = 32;

    /// <summary>Whether the fused step can run this model at this batch size.</summary>
    public static bool Applies(Mt5Model model, int batch) => FusedCpuPath.Enabled &&
        model.Device.type == DeviceType.CPU && model.Dtype == ScalarType.Float32 && batch is > 0 and <= MaxBatch &&
        Vector256.IsHardwareAccelerated && GateActivation.Supports(model.Config.Activation);

    /// <param name="team">The threads to split each part over; the step owns it from then on.</param>
    public Mt5CpuStep(Mt5Model model, Mt5EncoderMemory memory, KvCache cache, Tensor selfBias, int batch, ITeam team)
    {
        var config = model.Config;
        (_model, _cache, _batch, _team) = (model, cache, batch, team);
        (_d, _inner, _ff) = (config.DModel, config.InnerDim, config.DFf);
        _epsilon = (float)config.LayerNormEpsilon;
        _layers = new Layer[model.DecoderBlocks.Count];
        for (var i = 0; i < _layers.Length; i++)
        {
            var block = model.DecoderBlocks[i];
            _layers[i] = new Layer
            {
                SelfNorm = CpuFloats.Of(block.SelfAttentionNorm.Weight),
                Qkv = CpuFloats.Of(block.SelfAttention.QkvWeight),
                SelfOut = CpuFloats.Of(block.SelfAttention.OutputWeight),
                CrossNorm = CpuFloats.Of(block.CrossAttentionNorm.Weight),
                CrossQuery = CpuFloats.Of(block.CrossAttention.QkvWeight),
                CrossOut = CpuFloats.Of(block.CrossAttention.OutputWeight),
                CrossKeys = CpuFloats.Of(memory.Keys[i]),
                CrossValues = CpuFloats.Of(memory.Values[i]),
                FfNorm = CpuFloats.Of(block.FeedForwardNorm.Weight),
                FfIn = CpuFloats.Of(block.FeedForward.InputWeight),
                FfOut = CpuFloats.Of(block.FeedForward.OutputWeight),
                SelfKeys = CpuFloats.Of(cache.KeyBuffer(i)),
                SelfValues = CpuFloats.Of(cache.ValueBuffer(i)),
            };
        }
        _finalNorm = CpuFloats.Of(model.DecoderNorm.Weight);
        _head = CpuFloats.Of(model.HeadWeight);
        _embedding = CpuFloats.Of(model.EmbeddingWeight);
        _selfBias = CpuFloats.Of(selfBias);
        _crossBias = CpuFloats.Of(memory.Bias);
        _encoderLength = (int)memory.Keys[0].shape[2];
        _x = new ScratchBuffer((long)batch * _d);
        _normed = new ScratchBuffer((long)batch * _d);
        _qkv = new ScratchBuffer((long)batch * 3 * _inner);
        _context = new ScratchBuffer((long)batch * _inner);
        _projected = new ScratchBuffer((long)batch * 2 * _ff);
        _gated = new ScratchBuffer((long)batch * _ff);
        _feedForward = new FeedForwardInJob
        {
            X = _normed.Pointer, Rows = batch, In = _d, Ff = _ff, Gated = config.GatedFeedForward,
            Activation = config.Activation,
            Projected = _projected.Pointer, G = _gated.Pointer,
        };
    }

    /// <summary>The last step's head input [batch, d_model] (see <see cref="IDecodingState.HeadInput"/>).</summary>
    public Tensor? HeadInput { get; private set; }

    /// <summary>
    /// Feeds <paramref name="tokens"/> (one per sequence) at the cache's next position: float32 logits [batch, vocab].
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public Tensor Step(ReadOnlySpan<long> tokens)
    {
        var position = _cache.Length;
        if (position >= _cache.Capacity)
            throw new InvalidOperationException($"KV cache full: {position} positions fill its capacity " +
                $"{_cache.Capacity}");
        var config = _model.Config;
        var (heads, dKv, vocab) = (config.Heads, config.DKv, config.VocabSize);
        float* x = _x.Pointer, normed = _normed.Pointer, qkv = _qkv.Pointer, context = _context.Pointer;
        for (var b = 0; b < _batch; b++)
        {
            if ((ulong)tokens[b] >= (ulong)vocab) throw new ArgumentOutOfRangeException(nameof(tokens), tokens[b],
                $"token id outside the vocabulary [0, {vocab})");
            new ReadOnlySpan<float>(_embedding + tokens[b] * _d, _d).CopyTo(new Span<float>(x + (long)b * _d, _d));
        }
        var capacity = _cache.Capacity;
        for (var i = 0; i < _layers.Length; i++)
        {
            _model.BringDecoderLayer(i);
            var layer = _layers[i];
            RmsNormRows.Normalize(x, _batch, _d, layer.SelfNorm, _epsilon, normed);
            _team.Run(_product.Set(normed, _batch, layer.Qkv, _d, 3L * _inner, qkv, accumulate: false));
            Attend(qkv, 3L * _inner, qkv + _inner, qkv + 2 * _inner, layer.SelfKeys, layer.SelfValues, capacity,
                (int)position + 1,
                _selfBias + position * capacity, biasBatchStride: 0, biasHeadStride: capacity * capacity);
            _team.Run(_product.Set(context, _batch, layer.SelfOut, _inner, _d, x, accumulate: true));

            RmsNormRows.Normalize(x, _batch, _d, layer.CrossNorm, _epsilon, normed);
            _team.Run(_product.Set(normed, _batch, layer.CrossQuery, _d, _inner, qkv, accumulate: false));
            Attend(qkv, _inner, null, null, layer.CrossKeys, layer.CrossValues, _encoderLength, _encoderLength,
                _crossBias, biasBatchStride: _encoderLength, biasHeadStride: 0);
            _team.Run(_product.Set(context, _batch, layer.CrossOut, _inner, _d, x, accumulate: true));

            RmsNormRows.Normalize(x, _batch, _d, layer.FfNorm, _epsilon, normed);
            _feedForward.W = layer.FfIn;
            _team.Run(_feedForward);
            _team.Run(_product.Set(_gated.Pointer, _batch, layer.FfOut, _ff, _d, x, accumulate: true));
        }
        RmsNormRows.Normalize(x, _batch, _d, _finalNorm, _epsilon, normed);
        // A tied head reuses the input embedding, whose scale T5 trains for inputs: rescale as transformers does.
        if (config.TieWordEmbeddings)
        {
            var scale = (float)Math.Pow(config.DModel, -0.5);
            for (var i = 0; i < _batch * _d; i++) normed[i] *= scale;
        }
        var headInput = empty([_batch, _d], ScalarType.Float32).DetachFromDisposeScope();
        new ReadOnlySpan<float>(normed, _batch * _d).CopyTo(new Span<float>(CpuFloats.Of(headInput), _batch * _d));
        HeadInput?.Dispose();
        HeadInput = headInput;
        var logits = empty([_batch, vocab], ScalarType.Float32);
        _team.Run(_product.Set(normed, _batch, _head, _d, vocab, CpuFloats.Of(logits), accumulate: false));
        _cache.Commit(1);
        return logits;

        void Attend(float* queries, long queryStride, float* newKeys, float* newValues, float* keys, float* values,
            long keyCapacity,
            int length, float* bias, long biasBatchStride, long biasHeadStride)
        {
            var job = _attention;
            (job.Batch, job.Heads, job.DKv) = (_batch, heads, dKv);
            job.Queries = queries;
            job.QueryStride = queryStride;
            job.NewKeys = newKeys;
            job.NewValues = newValues;
            job.Keys = keys;
            job.Values = values;
            job.Capacity = keyCapacity;
            job.Length = length;
            job.Bias = bias;
            job.BiasBatchStride = biasBatchStride;
            job.BiasHeadStride = biasHeadStride;
            job.Context = context;
            _team.Run(job);
        }
    }

    public void Dispose()
    {
        HeadInput?.Dispose();
        _team.Dispose();
        _x.Dispose();
        _normed.Dispose();
        _qkv.Dispose();
        _context.Dispose();
        _projected.Dispose();
        _gated.Dispose();
    }
}
