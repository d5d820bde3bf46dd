using VocabTrim.Checkpoints;
using VocabTrim.Inference.Families;
using VocabTrim.Inference.Weights;

namespace VocabTrim.Inference.Mt5;

/// <summary>
/// T5 and mT5 (mT0): a <c>shared</c> input embedding that the encoder and decoder <c>embed_tokens</c> alias, and an
/// <c>lm_head</c> that is separate (mT5) or tied (T5).
/// </summary>
public sealed class Mt5Family : IModelFamily
{
    public const string Shared = "shared.weight", Head = "lm_head.weight";

    /// <summary>The encoder and decoder stacks, as checkpoints name them.</summary>
    public static readonly WeightPrefix Encoder = WeightPrefix.Root.Pp("encoder"),
        Decoder = WeightPrefix.Root.Pp("decoder");

    public string Name => "mt5";

    public IReadOnlyList<string> ModelTypes { get; } = ["mt5", "t5"];

    // transformers' T5Config ties by default, MT5Config does not.
    public bool TiesByDefault(string modelType) => modelType == "t5";

    public TensorRole RoleOf(string name) => name switch
    {
        Shared => TensorRole.InputEmbedding,
        "encoder.embed_tokens.weight" or "decoder.embed_tokens.weight" => TensorRole.EmbeddingAlias,
        Head => TensorRole.OutputEmbedding,
        _ => TensorRoles.BiasOrOther(name),
    };

    public string InputEmbeddingName(IReadOnlyDictionary<string, TensorInfo> tensors) => Shared;

    public IReadOnlyList<string> TokenIdKeys => ModelFamilies.CommonTokenIdKeys;

    public IReadOnlyList<string> FolderFiles { get; } =
        ["generation_config.json", "spiece.model", "tokenizer.json", "tokenizer_config.json",
            "special_tokens_map.json"];

    /// <summary>Layer <paramref name="index"/> of a stack: <c>encoder.block.N</c>.</summary>
    public static WeightPrefix Block(WeightPrefix stack, int index) => stack.Pp("block").Pp(index);

    /// <summary>
    /// Sub-layer <paramref name="index"/> of a block: <c>….layer.N</c> (self-attention, cross-attention, feed-forward).
    /// </summary>
    public static WeightPrefix Layer(WeightPrefix block, int index) => block.Pp("layer").Pp(index);

    /// <summary>The relative position buckets, which only the first block of a stack carries.</summary>
    public static WeightPrefix PositionBias(WeightPrefix stack) =>
        Layer(Block(stack, 0), 0).Pp("SelfAttention").Pp("relative_attention_bias");

    public IEnumerable<ExpectedTensor> ExpectedTensors(ModelConfigJson config,
        IReadOnlyDictionary<string, TensorInfo> tensors, long vocab)
    {
        long d = config.PositiveInt("d_model"), dKv = config.PositiveInt("d_kv"), ff = config.PositiveInt("d_ff"),
            heads = config.PositiveInt("num_heads");
        var layers = config.PositiveInt("num_layers");
        var decoderLayers = config.PositiveInt("num_decoder_layers", layers);
        var buckets = config.PositiveInt("relative_attention_num_buckets", 32);
        var tied = config.Bool("tie_word_embeddings", TiesByDefault(config.String("model_type") ?? ""));
        var inner = heads * dKv;
        var gated = IsGated(config);
        var widths = $"d_model {d}, num_heads {heads} × d_kv {dKv}, d_ff {ff}";

        // Some checkpoints keep only an alias of shared.weight (the plan requires one of them to be there).
        foreach (var embedding in new[] { Shared, "encoder.embed_tokens.weight", "decoder.embed_tokens.weight" })
            if (tensors.ContainsKey(embedding)) yield return new(embedding, [vocab, d], $"vocabulary × d_model {d}");
        if (!tied || tensors.ContainsKey(Head))
            yield return new(Head, [vocab, d],
                tied ? $"vocabulary × d_model {d}" : $"tie_word_embeddings false: vocabulary × d_model {d}");

        IEnumerable<ExpectedTensor> Attention(WeightPrefix p)
        {
            foreach (var x in new[] { "q", "k", "v" }) yield return new(p.Pp(x).Weight, [inner, d], widths);
            yield return new(p.Pp("o").Weight, [d, inner], widths);
        }
        IEnumerable<ExpectedTensor> FeedForward(WeightPrefix p)
        {
            foreach (var wi in gated ? new[] { "wi_0", "wi_1" } : ["wi"]) yield return new(p.Pp(wi).Weight, [ff, d],
                widths);
            yield return new(p.Pp("wo").Weight, [d, ff], widths);
        }
        ExpectedTensor Norm(WeightPrefix p) => new(p.Weight, [d], $"d_model {d}");

        foreach (var stack in new[] { Encoder, Decoder })
        {
            yield return new(PositionBias(stack).Weight, [buckets, heads],
                $"relative_attention_num_buckets {buckets} × num_heads {heads}");
            yield return Norm(stack.Pp("final_layer_norm"));
        }
        for (var i = 0; i < layers; i++)
        {
            var b = Block(Encoder, i);
            foreach (var t in Attention(Layer(b, 0).Pp("SelfAttention"))) yield return t;
            foreach (var t in FeedForward(Layer(b, 1).Pp("DenseReluDense"))) yield return t;
            yield return Norm(Layer(b, 0).Pp("layer_norm"));
            yield return Norm(Layer(b, 1).Pp("layer_norm"));
        }
        for (var i = 0; i < decoderLayers; i++)
        {
            var b = Block(Decoder, i);
            foreach (var t in Attention(Layer(b, 0).Pp("SelfAttention"))) yield return t;
            foreach (var t in Attention(Layer(b, 1).Pp("EncDecAttention"))) yield return t;
            foreach (var t in FeedForward(Layer(b, 2).Pp("DenseReluDense"))) yield return t;
            for (var n = 0; n < 3; n++) yield return Norm(Layer(b, n).Pp("layer_norm"));
        }
    }

    public string HeadWeightName(ModelConfigJson config, IReadOnlyDictionary<string, TensorInfo> tensors) =>
        Mt5Config.From(config).TieWordEmbeddings ? Shared : Head;

    public ILanguageModel Load(ModelConfigJson config, ModelConfigJson? generation, WeightLoader weights) =>
        Mt5Model.Load(Mt5Config.From(config, generation), weights);

    // As transformers' T5Config: "gated-ACT" (or is_gated_act) means wi_0 and wi_1, otherwise one wi. Read
    // leniently: an activation the inference core lacks does not stop trimming.
    private static bool IsGated(ModelConfigJson config) =>
        config.Has("is_gated_act") ? config.Bool("is_gated_act", false)
            : config.String("feed_forward_proj")?.StartsWith("gated-", StringComparison.Ordinal) == true;
}
