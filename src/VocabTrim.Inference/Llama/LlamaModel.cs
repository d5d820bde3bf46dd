using TorchSharp;
using VocabTrim.Inference.Generation;
using VocabTrim.Inference.Mt5;
using VocabTrim.Inference.Weights;
using static TorchSharp.torch;

namespace VocabTrim.Inference.Llama;

/// <summary>
/// <c>LlamaForCausalLM</c> and <c>Qwen2ForCausalLM</c>: decoder-only, pre-norm RMSNorm blocks with rotary
/// grouped-query attention and a SwiGLU MLP. The tensors, with V = vocab_size, H = hidden_size,
/// I = intermediate_size, D = head_dim, Q = num_attention_heads, K = num_key_value_heads, layer N:
/// <list type="bullet">
/// <item><c>model.embed_tokens.weight</c> [V, H]</item>
/// <item><c>model.layers.N.input_layernorm.weight</c> [H], <c>model.layers.N.post_attention_layernorm.weight</c> [H]</item>
/// <item><c>model.layers.N.self_attn.q_proj.weight</c> [Q·D, H]; <c>k_proj</c>, <c>v_proj</c> [K·D, H]; each with a
/// <c>.bias</c> [Q·D] / [K·D] in Qwen2 (or Llama with attention_bias)</item>
/// <item><c>model.layers.N.self_attn.o_proj.weight</c> [H, Q·D] (+ <c>.bias</c> [H] with Llama's attention_bias)</item>
/// <item><c>model.layers.N.mlp.gate_proj.weight</c>, <c>up_proj.weight</c> [I, H]; <c>down_proj.weight</c> [H, I]
/// (+ biases with mlp_bias)</item>
/// <item><c>model.norm.weight</c> [H]</item>
/// <item><c>lm_head.weight</c> [V, H], absent when tie_word_embeddings (the head is the embedding)</item>
/// </list>
/// </summary>
public sealed class LlamaModel : ILanguageModel, IDecoderOnlyNetwork
{
    private readonly WeightLoader _weights;
    private readonly Tensor _embeddings;             // [vocab, hidden]; the head's weight too when tied
    private readonly Linear _lmHead;                 // hidden → vocab
    private readonly LlamaBlock[] _blocks;
    private readonly T5LayerNorm _finalNorm;
    private readonly RotaryEmbedding _rotary;

    private LlamaModel(LlamaConfig config, WeightLoader weights)
    {
        Config = config;
        _weights = weights;
        var (v, h, i, d) = ((long)config.VocabSize, (long)config.HiddenSize, (long)config.IntermediateSize, (long)config.HeadDim);
        var (q, kv) = (config.Heads * d, config.KeyValueHeads * d);
        Linear Dense(WeightPrefix p, long rows, long columns, bool bias) =>
            new(weights.LoadMatrix(p.Weight, rows, columns), bias ? weights.Load(p.Bias, rows) : null);
        T5LayerNorm Norm(WeightPrefix p) => new(weights.Load(p.Weight, h), config.RmsNormEpsilon);

        _embeddings = weights.Load(LlamaFamily.Embedding, v, h);
        _lmHead = new Linear(config.TieWordEmbeddings ? _embeddings : weights.Load(LlamaFamily.Head, v, h), null);
        _blocks = [.. Enumerable.Range(0, config.Layers).Select(n => weights.InLayer(LayerStack, n, () =>
        {
            var p = LlamaFamily.Layer(n);
            var (attention, mlp) = (p.Pp("self_attn"), p.Pp("mlp"));
            return new LlamaBlock(
                Norm(p.Pp("input_layernorm")),
                new LlamaAttention(
                    Dense(attention.Pp("q_proj"), q, h, config.QueryKeyValueBias),
                    Dense(attention.Pp("k_proj"), kv, h, config.QueryKeyValueBias),
                    Dense(attention.Pp("v_proj"), kv, h, config.QueryKeyValueBias),
                    Dense(attention.Pp("o_proj"), h, q, config.OutputBias),
                    config.Heads, config.KeyValueHeads, config.HeadDim),
                Norm(p.Pp("post_attention_layernorm")),
                new LlamaMlp(
                    Dense(mlp.Pp("gate_proj"), i, h, config.MlpBias),
                    Dense(mlp.Pp("up_proj"), i, h, config.MlpBias),
                    Dense(mlp.Pp("down_proj"), h, i, config.MlpBias)));
        }))];
        _finalNorm = Norm(LlamaFamily.Body.Pp("norm"));
        _rotary = new RotaryEmbedding(config.HeadDim, config.RopeTheta, config.RopeScaling, weights.Dtype, weights.Device);
    }

    public LlamaConfig Config { get; }

    /// <summary>The layer stack as <see cref="WeightLoader.Bring"/> names it.</summary>
    public const string LayerStack = "model.layers";

    public string ModelType => Config.ModelType;

    public int VocabularySize => Config.VocabSize;

    public long EosTokenId => Config.EosTokenId;

    public IReadOnlyList<long> EosTokenIds => Config.EosTokenIds;

    public long PadTokenId => Config.PadTokenId;

    public Device Device => _weights.Device;

    public ScalarType Dtype => _weights.Dtype;

    /// <summary>Builds the model from <paramref name="weights"/>, which it owns from then on.</summary>
    public static LlamaModel Load(LlamaConfig config, WeightLoader weights)
    {
        try { return new LlamaModel(config, weights); }
        catch { weights.Dispose(); throw; }
    }

    /// <summary>
    /// Runs <paramref name="ids"/> [batch, new] after the <c>cache.Length</c> cached positions. <paramref name="mask"/>
    /// [batch, past + new] marks tokens (1) and left padding (0) over all positions; rotary positions count tokens
    /// only, so a padded prompt sees the positions of the unpadded one. Returns float32 logits [batch, new, vocab]
    /// (or [batch, 1, vocab] with <paramref name="lastPositionOnly"/>); <paramref name="hiddenStates"/> receives
    /// transformers' hidden_states (the embeddings, each block's output but the last, the final norm).
    /// </summary>
    /// <param name="headInput">When given, receives what the head multiplies at the last position: [batch, hidden], owned by the caller.</param>
    public Tensor Forward(Tensor ids, Tensor mask, KvCache cache, List<Tensor>? hiddenStates = null, bool lastPositionOnly = false,
        Tensor[]? headInput = null)
    {
        using var scope = NewDisposeScope();
        var first = hiddenStates?.Count ?? 0;
        var (batch, added, past) = (ids.shape[0], ids.shape[1], cache.Length);
        var keys = past + added;
        if (mask.shape[1] != keys) throw new ArgumentException($"mask covers {mask.shape[1]} positions, expected {keys}", nameof(mask));
        // transformers' position_ids under an attention mask: cumsum − 1, padding at 1 (masked anyway).
        var positions = (mask.cumsum(-1) - 1).masked_fill(mask.eq(0), 1).narrow(1, past, added);    // [batch, new]
        var (cos, sin) = _rotary.At(positions, Dtype);                                               // [batch, 1, new, head_dim]
        var blocked = AttentionMask.CausalBlocked(added, past, Device).unsqueeze(0)                  // [1, new, keys]
            .logical_or(mask.eq(0).unsqueeze(1))                                                     // [batch, new, keys]
            .unsqueeze(1);                                                                           // [batch, 1, new, keys]
        var x = _embeddings.index_select(0, ids.flatten()).reshape(batch, added, Config.HiddenSize);  // [batch, new, hidden]
        for (var i = 0; i < _blocks.Length; i++)
        {
            hiddenStates?.Add(x.alias());
            _weights.Bring(LayerStack, i);
            x = _blocks[i].Forward(x, cos, sin, blocked, cache, i);
        }
        cache.Commit(added);
        x = _finalNorm.Forward(x);
        hiddenStates?.Add(x.alias());
        Mt5Model.MoveToOuter(hiddenStates, first);
        if (headInput is not null) headInput[0] = x.select(1, added - 1).DetachFromDisposeScope();
        if (lastPositionOnly) x = x.narrow(1, added - 1, 1);                                         // [batch, 1, hidden]
        // [batch, new or 1, vocab]
        return scope.MoveToOuter(DecodingHead.Logits(x, _lmHead).to(ScalarType.Float32));
    }

    public IDecodingState Start(IReadOnlyList<IReadOnlyList<long>> inputs, int maxNewTokens) =>
        new LeftPaddedDecodingState(this, inputs, maxNewTokens);

    /// <summary>
    /// An upper estimate of the bytes beyond the weights a generation of <paramref name="batch"/> inputs of up to
    /// <paramref name="inputLength"/> tokens allocates: the KV cache (key/value heads only), the prompt's attention
    /// scores (several float32 copies: products, masked, softmax), a layer's widest activations (the MLP's gate
    /// and up) and the step's float32 logits on the device and the host. A double, as absurd requests overflow a long.
    /// </summary>
    public double WorkingBytes(int batch, int inputLength, int maxNewTokens)
    {
        double b = batch, length = inputLength, element = WorkingMemory.ElementSize(Dtype);
        var positions = length + Math.Max(0, maxNewTokens - 1);
        var cache = 2.0 * Config.Layers * b * Config.KeyValueHeads * positions * Config.HeadDim * element;
        var prompt = WorkingMemory.Attention(b, Config.Heads, length, length)
            + WorkingMemory.Activations(b, length, 2.0 * Config.IntermediateSize, element);
        return cache + prompt + WorkingMemory.Logits(b, Config.VocabSize);
    }

    /// <summary>A cache of the key/value heads only: grouped-query attention shares them across query heads.</summary>
    public KvCache NewCache(long batch, long capacity) =>
        new(_blocks.Length, batch, Config.KeyValueHeads, capacity, Config.HeadDim, Dtype, Device);

    public void Dispose()
    {
        _rotary.Dispose();
        _weights.Dispose();
    }
}
