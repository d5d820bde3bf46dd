using TorchSharp;
using VocabTrim.Inference.Generation;
using VocabTrim.Inference.Mt5;
using VocabTrim.Inference.Weights;
using static TorchSharp.torch;

namespace VocabTrim.Inference.Bloom;

/// <summary>
/// <c>BloomForCausalLM</c> (also BLOOMZ): decoder-only, ALiBi instead of position embeddings, a layer norm
/// right after the embeddings, and an LM head tied to the embeddings.
/// </summary>
public sealed class BloomModel : ILanguageModel, IDecoderOnlyNetwork
{
    private readonly WeightLoader _weights;
    private readonly Tensor? _embeddings;            // [vocab, hidden]; null when tied (rows come from the head)
    private readonly Linear _lmHead;                 // hidden → vocab; weight [vocab, hidden]
    private readonly LayerNorm _embeddingNorm;
    private readonly BloomBlock[] _blocks;
    private readonly LayerNorm _finalNorm;

    private BloomModel(BloomConfig config, WeightLoader weights)
    {
        Config = config;
        _weights = weights;
        var body = BloomFamily.Body(weights.Checkpoint.Tensors);
        var (v, h) = ((long)config.VocabSize, (long)config.HiddenSize);
        Linear Dense(WeightPrefix p, long rows, long columns) => new(weights.LoadMatrix(p.Weight, rows, columns), weights.Load(p.Bias, rows));
        LayerNorm Norm(WeightPrefix p) => new(weights.Load(p.Weight, h), weights.Load(p.Bias, h), config.LayerNormEpsilon);

        // Tied (every released BLOOM): one copy, the head's weight, whose rows are the embeddings.
        var untied = !config.TieWordEmbeddings && weights.Has(BloomFamily.Head);
        var embedding = body.Pp("word_embeddings").Weight;
        _embeddings = untied ? weights.Load(embedding, v, h) : null;
        _lmHead = new Linear(weights.Load(untied ? BloomFamily.Head : embedding, v, h), null);
        _embeddingNorm = Norm(body.Pp("word_embeddings_layernorm"));
        _blocks = [.. Enumerable.Range(0, config.Layers).Select(i => weights.InLayer(BlockStack, i, () =>
        {
            var b = BloomFamily.Block(body, i);
            return new BloomBlock(
                Norm(b.Pp("input_layernorm")),
                new BloomAttention(
                    Dense(b.Pp("self_attention.query_key_value"), 3 * h, h),
                    Dense(b.Pp("self_attention.dense"), h, h),
                    config.Heads),
                Norm(b.Pp("post_attention_layernorm")),
                new BloomMlp(
                    Dense(b.Pp("mlp.dense_h_to_4h"), 4 * h, h),
                    Dense(b.Pp("mlp.dense_4h_to_h"), h, 4 * h)),
                config.ResidualAfterLayerNorm);
        }))];
        _finalNorm = Norm(body.Pp("ln_f"));
    }

    /// <summary>The layer stack as <see cref="WeightLoader.Bring"/> names it.</summary>
    public const string BlockStack = "h";

    public BloomConfig Config { get; }

    public string ModelType => "bloom";

    public int VocabularySize => Config.VocabSize;

    public long EosTokenId => Config.EosTokenId;

    public IReadOnlyList<long> EosTokenIds => Config.EosTokenIds;

    public long PadTokenId => Config.PadTokenId;

    public Device Device => _weights.Device;

    public ScalarType Dtype => _weights.Dtype;

    /// <summary>Builds the model from <paramref name="weights"/>, which it owns from then on.</summary>
    public static BloomModel Load(BloomConfig config, WeightLoader weights)
    {
        try { return new BloomModel(config, weights); }
        catch { weights.Dispose(); throw; }
    }

    /// <summary>
    /// Runs <paramref name="ids"/> [batch, new] after the <c>cache.Length</c> cached positions. <paramref name="mask"/>
    /// [batch, past + new] marks tokens (1) and left padding (0) over all positions. Returns float32 logits
    /// [batch, new, vocab]; <paramref name="hiddenStates"/> receives transformers' hidden_states (after the
    /// embedding norm, each block's output but the last, the final norm).
    /// </summary>
    public Tensor Forward(Tensor ids, Tensor mask, KvCache cache, List<Tensor>? hiddenStates = null) =>
        Forward(ids, mask, cache, hiddenStates, lastPositionOnly: false);

    /// <summary>
    /// <see cref="Forward(Tensor, Tensor, KvCache, List{Tensor})"/>; with <paramref name="lastPositionOnly"/> the
    /// logits of the last position alone ([batch, 1, vocab]), which is all a generation needs from its prompt: the
    /// head over every prompt position was most of a prompt's work (32 positions × 250,880 rows).
    /// </summary>
    /// <param name="headInput">When given, receives what the head multiplies at the last position: [batch, hidden], owned by the caller.</param>
    internal Tensor Forward(Tensor ids, Tensor mask, KvCache cache, List<Tensor>? hiddenStates, bool lastPositionOnly, Tensor[]? headInput = null)
    {
        using var scope = NewDisposeScope();
        var first = hiddenStates?.Count ?? 0;
        var (batch, added, past) = (ids.shape[0], ids.shape[1], cache.Length);
        var keys = past + added;
        if (mask.shape[1] != keys) throw new ArgumentException($"mask covers {mask.shape[1]} positions, expected {keys}", nameof(mask));
        var rows = _embeddings is not null
            ? _embeddings.index_select(0, ids.flatten())                                  // [batch·new, hidden]
            : _lmHead.Weight.index_select(0, ids.flatten());                              // [batch·new, hidden]
        var x = _embeddingNorm.Forward(rows.reshape(batch, added, Config.HiddenSize));     // [batch, new, hidden]
        var alibi = AlibiBias.Build(mask, Config.Heads, Dtype);                            // [batch, heads, 1, keys]
        var blocked = AttentionMask.CausalBlocked(added, past, Device).unsqueeze(0)        // [1, new, keys]
            .logical_or(mask.eq(0).unsqueeze(1))                                           // [batch, new, keys]
            .unsqueeze(1);                                                                 // [batch, 1, new, keys]
        for (var i = 0; i < _blocks.Length; i++)
        {
            hiddenStates?.Add(x.alias());
            _weights.Bring(BlockStack, i);
            x = _blocks[i].Forward(x, alibi, blocked, cache, i);
        }
        cache.Commit(added);
        x = _finalNorm.Forward(x);
        hiddenStates?.Add(x.alias());
        Mt5Model.MoveToOuter(hiddenStates, first);
        if (headInput is not null) headInput[0] = x.select(1, added - 1).DetachFromDisposeScope();
        if (lastPositionOnly) x = x.narrow(1, added - 1, 1);                               // [batch, 1, hidden]
        // [batch, new or 1, vocab]
        return scope.MoveToOuter(DecodingHead.Logits(x, _lmHead).to(ScalarType.Float32));
    }

    public IDecodingState Start(IReadOnlyList<IReadOnlyList<long>> inputs, int maxNewTokens) =>
        new LeftPaddedDecodingState(this, inputs, maxNewTokens);

    public double WorkingBytes(int batch, int inputLength, int maxNewTokens)
    {
        double b = batch, length = inputLength, element = WorkingMemory.ElementSize(Dtype);
        var positions = length + Math.Max(0, maxNewTokens - 1);
        var cache = 2.0 * Config.Layers * b * Config.Heads * positions * Config.HeadDim * element;
        var prompt = WorkingMemory.Attention(b, Config.Heads, length, length) + WorkingMemory.Activations(b, length, 4.0 * Config.HiddenSize, element);
        return cache + prompt + WorkingMemory.Logits(b, Config.VocabSize);
    }

    KvCache IDecoderOnlyNetwork.NewCache(long batch, long capacity) => NewCache(batch, capacity);

    Tensor IDecoderOnlyNetwork.Forward(Tensor ids, Tensor mask, KvCache cache, List<Tensor>? hiddenStates, bool lastPositionOnly,
        Tensor[]? headInput) => Forward(ids, mask, cache, hiddenStates, lastPositionOnly, headInput);

    internal KvCache NewCache(long batch, long capacity) =>
        new(_blocks.Length, batch, Config.Heads, capacity, Config.HeadDim, Dtype, Device);

    public void Dispose() => _weights.Dispose();
}
