using VocabTrim.Checkpoints;
using VocabTrim.Inference.Families;
using VocabTrim.Inference.Weights;

namespace VocabTrim.Inference.Bloom;

/// <summary>
/// BLOOM (BLOOMZ): <c>word_embeddings</c>, with <c>lm_head</c> tied to it unless the checkpoint carries its own.
/// </summary>
public sealed class BloomFamily : IModelFamily
{
    public const string Head = "lm_head.weight";

    public string Name => "bloom";

    public IReadOnlyList<string> ModelTypes { get; } = ["bloom"];

    public bool TiesByDefault(string modelType) => true;

    /// <summary>
    /// BloomForCausalLM prefixes the body with <c>transformer.</c>; a bare BloomModel (BigScience's own files) does
    /// not.
    /// </summary>
    public static WeightPrefix Body(IReadOnlyDictionary<string, TensorInfo> tensors) =>
        tensors.ContainsKey("transformer.word_embeddings.weight")
            ? WeightPrefix.Root.Pp("transformer")
            : WeightPrefix.Root;

    /// <summary>Layer <paramref name="index"/>: <c>h.N</c>.</summary>
    public static WeightPrefix Block(WeightPrefix body, int index) => body.Pp("h").Pp(index);

    public TensorRole RoleOf(string name) => name switch
    {
        "transformer.word_embeddings.weight" or "word_embeddings.weight" => TensorRole.InputEmbedding,
        Head => TensorRole.OutputEmbedding,
        _ => TensorRoles.BiasOrOther(name),
    };

    public string InputEmbeddingName(IReadOnlyDictionary<string, TensorInfo> tensors) =>
        "transformer.word_embeddings.weight";

    public IReadOnlyList<string> TokenIdKeys => ModelFamilies.CommonTokenIdKeys;

    public IReadOnlyList<string> FolderFiles { get; } =
        ["generation_config.json", "tokenizer.json", "tokenizer_config.json", "special_tokens_map.json"];

    public IEnumerable<ExpectedTensor> ExpectedTensors(ModelConfigJson config,
        IReadOnlyDictionary<string, TensorInfo> tensors, long vocab)
    {
        long h = config.PositiveIntAny("hidden_size", "n_embed"),
            heads = config.PositiveIntAny("n_head", "num_attention_heads");
        var layers = config.PositiveIntAny("n_layer", "num_hidden_layers");
        if (h % heads != 0) throw new ModelFolderException(config.Path,
            $"hidden_size {h} is not a multiple of n_head {heads}");
        var body = Body(tensors);
        var width = $"hidden_size {h}";

        yield return new(body.Pp("word_embeddings").Weight, [vocab, h], $"vocabulary × hidden_size {h}");
        if (tensors.ContainsKey(Head)) yield return new(Head, [vocab, h], $"vocabulary × hidden_size {h}");
        IEnumerable<ExpectedTensor> Norm(WeightPrefix p)
        {
            yield return new(p.Weight, [h], width);
            yield return new(p.Bias, [h], width);
        }
        IEnumerable<ExpectedTensor> Dense(WeightPrefix p, long rows, long columns)
        {
            yield return new(p.Weight, [rows, columns], width);
            yield return new(p.Bias, [rows], width);
        }
        foreach (var t in Norm(body.Pp("word_embeddings_layernorm")).Concat(Norm(body.Pp("ln_f")))) yield return t;
        for (var i = 0; i < layers; i++)
        {
            var b = Block(body, i);
            foreach (var t in Norm(b.Pp("input_layernorm"))
                         .Concat(Dense(b.Pp("self_attention.query_key_value"), 3 * h, h))
                         .Concat(Dense(b.Pp("self_attention.dense"), h, h))
                         .Concat(Norm(b.Pp("post_attention_layernorm")))
                         .Concat(Dense(b.Pp("mlp.dense_h_to_4h"), 4 * h, h))
                         .Concat(Dense(b.Pp("mlp.dense_4h_to_h"), h, 4 * h)))
                yield return t;
        }
    }

    public string HeadWeightName(ModelConfigJson config, IReadOnlyDictionary<string, TensorInfo> tensors) =>
        !BloomConfig.From(config).TieWordEmbeddings
            && tensors.ContainsKey(Head) ? Head : Body(tensors).Pp("word_embeddings").Weight;

    public ILanguageModel Load(ModelConfigJson config, ModelConfigJson? generation, WeightLoader weights) =>
        BloomModel.Load(BloomConfig.From(config, generation), weights);
}
