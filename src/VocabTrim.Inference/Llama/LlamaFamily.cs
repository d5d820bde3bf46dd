using VocabTrim.Checkpoints;
using VocabTrim.Inference.Families;
using VocabTrim.Inference.Weights;

namespace VocabTrim.Inference.Llama;

/// <summary>
/// Llama (Llama 2, Llama 3.x) and Qwen2 (Qwen2, Qwen2.5): <c>model.embed_tokens</c>, and <c>lm_head</c> unless
/// tie_word_embeddings (Llama 3.2 1B/3B and Qwen2.5 up to 3B tie; larger ones do not).
/// </summary>
public sealed class LlamaFamily : IModelFamily
{
    public const string Head = "lm_head.weight";

    /// <summary>The decoder body under <c>model.</c>.</summary>
    public static readonly WeightPrefix Body = WeightPrefix.Root.Pp("model");

    public static readonly string Embedding = Body.Pp("embed_tokens").Weight;

    public string Name => "llama";

    public IReadOnlyList<string> ModelTypes { get; } = ["llama", "qwen2"];

    // LlamaConfig and Qwen2Config both default to untied.
    public bool TiesByDefault(string modelType) => false;

    /// <summary>Layer <paramref name="index"/>: <c>model.layers.N</c>.</summary>
    public static WeightPrefix Layer(int index) => Body.Pp("layers").Pp(index);

    public TensorRole RoleOf(string name) =>
        name == Embedding ? TensorRole.InputEmbedding
        : name == Head ? TensorRole.OutputEmbedding
        : TensorRoles.BiasOrOther(name);

    public string InputEmbeddingName(IReadOnlyDictionary<string, TensorInfo> tensors) => Embedding;

    public IReadOnlyList<string> TokenIdKeys => ModelFamilies.CommonTokenIdKeys;

    public IReadOnlyList<string> FolderFiles { get; } =
        ["generation_config.json", "tokenizer.json", "tokenizer_config.json", "special_tokens_map.json"];

    public IEnumerable<ExpectedTensor> ExpectedTensors(ModelConfigJson config,
        IReadOnlyDictionary<string, TensorInfo> tensors, long vocab)
    {
        long h = config.PositiveInt("hidden_size"), ff = config.PositiveInt("intermediate_size"),
            heads = config.PositiveInt("num_attention_heads");
        long kvHeads = config.PositiveInt("num_key_value_heads", (int)heads);
        var layers = config.PositiveInt("num_hidden_layers");
        if (heads % kvHeads != 0)
            throw new ModelFolderException(config.Path,
                $"num_attention_heads {heads} is not a multiple of num_key_value_heads {kvHeads}");
        if (!config.Has("head_dim") && h % heads != 0)
            throw new ModelFolderException(config.Path,
                $"hidden_size {h} is not a multiple of num_attention_heads {heads} and there is no head_dim");
        long headDim = config.PositiveInt("head_dim", (int)(h / heads));
        var qwen2 = config.String("model_type") == "qwen2";
        var attentionBias = qwen2 || config.Bool("attention_bias", false);
        var mlpBias = !qwen2 && config.Bool("mlp_bias", false);
        var tied = config.Bool("tie_word_embeddings", false);
        var widths = $"hidden_size {h}, {heads} heads ({kvHeads} key-value) × head_dim {headDim}, intermediate_size " +
            $"{ff}";

        yield return new(Embedding, [vocab, h], $"vocabulary × hidden_size {h}");
        if (!tied || tensors.ContainsKey(Head)) yield return new(Head, [vocab, h], $"vocabulary × hidden_size {h}");
        yield return new(Body.Pp("norm").Weight, [h], $"hidden_size {h}");
        for (var i = 0; i < layers; i++)
        {
            var p = Layer(i);
            yield return new(p.Pp("input_layernorm").Weight, [h], $"hidden_size {h}");
            yield return new(p.Pp("post_attention_layernorm").Weight, [h], $"hidden_size {h}");
            var attention = p.Pp("self_attn");
            foreach (var (x, rows) in new[] { ("q_proj", heads * headDim), ("k_proj", kvHeads * headDim),
                ("v_proj", kvHeads * headDim) })
            {
                yield return new(attention.Pp(x).Weight, [rows, h], widths);
                if (attentionBias) yield return new(attention.Pp(x).Bias, [rows], widths);
            }
            yield return new(attention.Pp("o_proj").Weight, [h, heads * headDim], widths);
            if (attentionBias && !qwen2) yield return new(attention.Pp("o_proj").Bias, [h], widths);
            foreach (var x in new[] { "gate_proj", "up_proj" })
            {
                yield return new(p.Pp("mlp").Pp(x).Weight, [ff, h], widths);
                if (mlpBias) yield return new(p.Pp("mlp").Pp(x).Bias, [ff], widths);
            }
            yield return new(p.Pp("mlp.down_proj").Weight, [h, ff], widths);
            if (mlpBias) yield return new(p.Pp("mlp.down_proj").Bias, [h], widths);
        }
    }

    public string HeadWeightName(ModelConfigJson config, IReadOnlyDictionary<string, TensorInfo> tensors) =>
        LlamaConfig.From(config).TieWordEmbeddings ? Embedding : Head;

    public ILanguageModel Load(ModelConfigJson config, ModelConfigJson? generation, WeightLoader weights) =>
        LlamaModel.Load(LlamaConfig.From(config, generation), weights);
}
