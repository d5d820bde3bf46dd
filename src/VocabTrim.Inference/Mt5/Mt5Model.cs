using TorchSharp;
using VocabTrim.Inference.Generation;
using VocabTrim.Inference.Weights;
using static TorchSharp.torch;

namespace VocabTrim.Inference.Mt5;

/// <summary>
/// <c>MT5ForConditionalGeneration</c> (also T5 v1.1 / mT0): a pre-norm encoder-decoder with relative position
/// buckets. Follows transformers 4.45 operation for operation where rounding could differ.
/// </summary>
public sealed class Mt5Model : ILanguageModel
{
    private readonly WeightLoader _weights;
    private readonly Tensor? _shared;                // [vocab, d_model]; null when tied (rows come from the head)
    private readonly Linear _lmHead;                 // d_model → vocab; weight [vocab, d_model]
    private readonly RelativePositionBias _encoderPositions;
    private readonly RelativePositionBias _decoderPositions;
    private readonly Mt5EncoderBlock[] _encoder;
    private readonly Mt5DecoderBlock[] _decoder;
    private readonly T5LayerNorm _encoderNorm;
    private readonly T5LayerNorm _decoderNorm;

    private Mt5Model(Mt5Config config, WeightLoader weights)
    {
        Config = config;
        _weights = weights;
        var (v, d, inner, ff) = ((long)config.VocabSize, (long)config.DModel, (long)config.InnerDim, (long)config.DFf);
        // A tied model keeps one copy, the head's weight, whose rows are the embeddings.
        _shared = config.TieWordEmbeddings ? null : weights.Load(Mt5Family.Shared, v, d);
        _lmHead = new Linear(weights.Load(config.TieWordEmbeddings ? Mt5Family.Shared : Mt5Family.Head, v, d), null);

        T5LayerNorm Norm(WeightPrefix p) => new(weights.Load(p.Weight, d), config.LayerNormEpsilon);
        Linear Dense(WeightPrefix p, long rows, long columns) => new(weights.Load(p.Weight, rows, columns), null);
        T5Attention Attention(WeightPrefix p) => new(
            weights.LoadStacked([p.Pp("q").Weight, p.Pp("k").Weight, p.Pp("v").Weight], inner, d),
            Dense(p.Pp("o"), d, inner), config.Heads, config.DKv);
        T5FeedForward FeedForward(WeightPrefix p) => config.GatedFeedForward
            ? new(new Linear(weights.LoadStacked([p.Pp("wi_0").Weight, p.Pp("wi_1").Weight], ff, d), null), gated: true,
                Dense(p.Pp("wo"), d, ff), config.Activation)
            : new(Dense(p.Pp("wi"), ff, d), gated: false, Dense(p.Pp("wo"), d, ff), config.Activation);
        RelativePositionBias Positions(WeightPrefix stack, bool bidirectional) => new(
            weights.Load(Mt5Family.PositionBias(stack).Weight, config.RelativeAttentionBuckets, config.Heads),
            bidirectional, config.RelativeAttentionBuckets, config.RelativeAttentionMaxDistance);
        WeightPrefix Layer(WeightPrefix stack, int block, int layer) => Mt5Family.Layer(Mt5Family.Block(stack, block), layer);

        _encoderPositions = Positions(Mt5Family.Encoder, bidirectional: true);
        _decoderPositions = Positions(Mt5Family.Decoder, bidirectional: false);
        var (encoder, decoder) = (Mt5Family.Encoder, Mt5Family.Decoder);
        _encoder = [.. Enumerable.Range(0, config.EncoderLayers).Select(i => weights.InLayer(EncoderStack, i, () => new Mt5EncoderBlock(
            Norm(Layer(encoder, i, 0).Pp("layer_norm")), Attention(Layer(encoder, i, 0).Pp("SelfAttention")),
            Norm(Layer(encoder, i, 1).Pp("layer_norm")), FeedForward(Layer(encoder, i, 1).Pp("DenseReluDense")))))];
        _decoder = [.. Enumerable.Range(0, config.DecoderLayers).Select(i => weights.InLayer(DecoderStack, i, () => new Mt5DecoderBlock(
            Norm(Layer(decoder, i, 0).Pp("layer_norm")), Attention(Layer(decoder, i, 0).Pp("SelfAttention")),
            Norm(Layer(decoder, i, 1).Pp("layer_norm")), Attention(Layer(decoder, i, 1).Pp("EncDecAttention")),
            Norm(Layer(decoder, i, 2).Pp("layer_norm")), FeedForward(Layer(decoder, i, 2).Pp("DenseReluDense")))))];
        _encoderNorm = Norm(encoder.Pp("final_layer_norm"));
        _decoderNorm = Norm(decoder.Pp("final_layer_norm"));
    }

    /// <summary>The layer stacks as <see cref="WeightLoader.Bring"/> names them.</summary>
    public const string EncoderStack = "encoder", DecoderStack = "decoder";

    public Mt5Config Config { get; }

    /// <summary>Makes encoder layer <paramref name="index"/>'s weights ready (streamed models read them now).</summary>
    internal void BringEncoderLayer(int index) => _weights.Bring(EncoderStack, index);

    /// <summary>Makes decoder layer <paramref name="index"/>'s weights ready (streamed models read them now).</summary>
    internal void BringDecoderLayer(int index) => _weights.Bring(DecoderStack, index);

    internal IReadOnlyList<Mt5DecoderBlock> DecoderBlocks => _decoder;

    internal T5LayerNorm DecoderNorm => _decoderNorm;

    internal IReadOnlyList<Mt5EncoderBlock> EncoderBlocks => _encoder;

    internal T5LayerNorm EncoderNorm => _encoderNorm;

    /// <summary>The LM head's weight [vocab, d_model] (the shared embedding when tied).</summary>
    internal Tensor HeadWeight => _lmHead.Weight;

    /// <summary>The decoder's input embedding [vocab, d_model].</summary>
    internal Tensor EmbeddingWeight => _shared ?? _lmHead.Weight;

    public string ModelType => "mt5";

    public int VocabularySize => Config.VocabSize;

    public long EosTokenId => Config.EosTokenId;

    public IReadOnlyList<long> EosTokenIds => Config.EosTokenIds;

    public long PadTokenId => Config.PadTokenId;

    public Device Device => _weights.Device;

    public ScalarType Dtype => _weights.Dtype;

    /// <summary>Builds the model from <paramref name="weights"/>, which it owns from then on.</summary>
    public static Mt5Model Load(Mt5Config config, WeightLoader weights)
    {
        try { return new Mt5Model(config, weights); }
        catch { weights.Dispose(); throw; }
    }

    /// <summary>
    /// Encoder output [batch, seq, d_model] for right-padded <paramref name="inputIds"/> [batch, seq] with
    /// <paramref name="mask"/> [batch, seq] (1 = token). <paramref name="hiddenStates"/>, when given, receives
    /// transformers' encoder_hidden_states: the embeddings, each block's output but the last, the final norm.
    /// </summary>
    public Tensor Encode(Tensor inputIds, Tensor mask, List<Tensor>? hiddenStates = null) =>
        Encode(inputIds, mask, hiddenStates, fused: true);

    /// <param name="fused">Whether the encoder may run as <see cref="Mt5CpuEncoder"/> where it applies (tests and
    /// benchmarks turn it off to compare with the libtorch ops).</param>
    internal Tensor Encode(Tensor inputIds, Tensor mask, List<Tensor>? hiddenStates, bool fused)
    {
        using var scope = NewDisposeScope();
        var first = hiddenStates?.Count ?? 0;
        var (batch, length) = (inputIds.shape[0], inputIds.shape[1]);
        var x = Embed(inputIds);                                                        // [batch, seq, d_model]
        var padding = AttentionMask.Additive(mask.eq(0).view(batch, 1, 1, length), Dtype); // [batch, 1, 1, seq]
        var bias = _encoderPositions.Compute(length, length) + padding;                 // [batch, heads, seq, seq]
        if (fused && hiddenStates is null && Mt5CpuEncoder.Applies(this, length))
            return scope.MoveToOuter(Mt5CpuEncoder.Encode(this, x, bias));
        for (var i = 0; i < _encoder.Length; i++)
        {
            hiddenStates?.Add(x.alias());
            BringEncoderLayer(i);
            x = _encoder[i].Forward(x, bias);
        }
        x = _encoderNorm.Forward(x);
        hiddenStates?.Add(x.alias());
        MoveToOuter(hiddenStates, first);
        return scope.MoveToOuter(x);
    }

    /// <summary>Cross-attention keys/values of every decoder layer and the padding bias, for a whole generation.</summary>
    public Mt5EncoderMemory Remember(Tensor encoderHidden /* [batch, enc_seq, d_model] */, Tensor mask /* [batch, enc_seq] */)
    {
        using var scope = NewDisposeScope();
        var keys = new Tensor[_decoder.Length];
        var values = new Tensor[_decoder.Length];
        for (var i = 0; i < _decoder.Length; i++)
        {
            BringDecoderLayer(i);
            (keys[i], values[i]) = _decoder[i].CrossAttention.KeysValues(encoderHidden);
            keys[i] = keys[i].contiguous().DetachFromDisposeScope();
            values[i] = values[i].contiguous().DetachFromDisposeScope();
        }
        var bias = AttentionMask.Additive(mask.eq(0).view(mask.shape[0], 1, 1, mask.shape[1]), Dtype).DetachFromDisposeScope();
        return new Mt5EncoderMemory(encoderHidden.alias().DetachFromDisposeScope(), keys, values, bias);
    }

    /// <summary>
    /// Runs the decoder on <paramref name="decoderIds"/> [batch, new] after the <c>cache.Length</c> positions
    /// already in <paramref name="cache"/>, which it extends. Returns float32 logits [batch, new, vocab].
    /// <paramref name="hiddenStates"/> receives transformers' decoder_hidden_states for these positions.
    /// </summary>
    public Tensor Decode(Tensor decoderIds, Mt5EncoderMemory memory, KvCache cache, List<Tensor>? hiddenStates = null) =>
        Decode(decoderIds, memory, cache, hiddenStates, selfBiasTable: null);

    /// <summary>
    /// Decoder self-attention bias (relative positions plus causal mask) for queries and keys at
    /// <c>[0, capacity)</c>: [1, heads, capacity, capacity]. A generation computes it once and each step takes
    /// its rows, instead of some thirty small ops per step; the values are the same elementwise.
    /// </summary>
    internal Tensor DecoderSelfBias(long capacity)
    {
        using var scope = NewDisposeScope();
        var causal = AttentionMask.Additive(AttentionMask.CausalBlocked(capacity, 0, Device), Dtype);      // [capacity, capacity]
        return scope.MoveToOuter(_decoderPositions.Compute(capacity, capacity).add_(causal));              // [1, heads, capacity, capacity]
    }

    /// <param name="headInput">When given, receives what the head multiplies at the last position: [batch, d_model], owned by the caller.</param>
    internal Tensor Decode(Tensor decoderIds, Mt5EncoderMemory memory, KvCache cache, List<Tensor>? hiddenStates, Tensor? selfBiasTable,
        Tensor[]? headInput = null)
    {
        using var scope = NewDisposeScope();
        var first = hiddenStates?.Count ?? 0;
        var (past, added) = (cache.Length, decoderIds.shape[1]);
        var x = Embed(decoderIds);                                                      // [batch, new, d_model]
        var selfBias = selfBiasTable is not null && past + added <= selfBiasTable.shape[3]
            ? selfBiasTable.narrow(2, past, added).narrow(3, 0, past + added)          // [1, heads, new, past + new]
            : _decoderPositions.Compute(added, past + added, past)
                + AttentionMask.Additive(AttentionMask.CausalBlocked(added, past, Device), Dtype);
        for (var i = 0; i < _decoder.Length; i++)
        {
            hiddenStates?.Add(x.alias());
            BringDecoderLayer(i);
            x = _decoder[i].Forward(x, selfBias, cache, i, memory.Keys[i], memory.Values[i], memory.Bias);
        }
        cache.Commit(added);
        x = _decoderNorm.Forward(x);
        hiddenStates?.Add(x.alias());
        MoveToOuter(hiddenStates, first);
        // A tied head reuses the input embedding, whose scale T5 trains for inputs: rescale as transformers does.
        if (Config.TieWordEmbeddings) x = x * Math.Pow(Config.DModel, -0.5);
        if (headInput is not null) headInput[0] = x.select(1, added - 1).DetachFromDisposeScope();
        // [batch, new, vocab]
        return scope.MoveToOuter(DecodingHead.Logits(x, _lmHead).to(ScalarType.Float32));
    }

    public IDecodingState Start(IReadOnlyList<IReadOnlyList<long>> inputs, int maxNewTokens) =>
        new Mt5DecodingState(this, inputs, maxNewTokens);

    /// <summary><see cref="Start"/> with the encoder and every step through libtorch ops, never <see cref="Mt5CpuEncoder"/> or <see cref="Mt5CpuStep"/>.</summary>
    internal IDecodingState StartThroughLibtorch(IReadOnlyList<IReadOnlyList<long>> inputs, int maxNewTokens) =>
        new Mt5DecodingState(this, inputs, maxNewTokens, fused: false);

    public double WorkingBytes(int batch, int inputLength, int maxNewTokens)
    {
        double b = batch, length = inputLength, element = WorkingMemory.ElementSize(Dtype), capacity = Math.Max(1, maxNewTokens);
        var c = Config;
        var encoder = WorkingMemory.Attention(b, c.Heads, length, length) + WorkingMemory.Activations(b, length, Math.Max(c.DFf, c.DModel), element);
        var crossKeysValues = 2.0 * c.DecoderLayers * b * c.Heads * length * c.DKv * element;
        var selfCache = 2.0 * c.DecoderLayers * b * c.Heads * capacity * c.DKv * element;
        var selfBias = (double)c.Heads * capacity * capacity * element;             // [1, heads, capacity, capacity]
        return encoder + crossKeysValues + selfCache + selfBias + WorkingMemory.Logits(b, c.VocabSize);
    }

    internal KvCache NewCache(long batch, long capacity) =>
        new(_decoder.Length, batch, Config.Heads, capacity, Config.DKv, Dtype, Device);

    // Hidden states recorded inside a dispose scope must outlive it: the caller owns them.
    internal static void MoveToOuter(List<Tensor>? states, int first)
    {
        if (states is null) return;
        for (var i = first; i < states.Count; i++) states[i].MoveToOuterDisposeScope();
    }

    private Tensor Embed(Tensor ids /* [batch, seq] */)
    {
        var rows = _shared is not null
            ? _shared.index_select(0, ids.flatten())                                     // [batch·seq, d_model]
            : _lmHead.Weight.index_select(0, ids.flatten());                             // [batch·seq, d_model]
        return rows.reshape(ids.shape[0], ids.shape[1], Config.DModel);                  // [batch, seq, d_model]
    }

    public void Dispose() => _weights.Dispose();
}
