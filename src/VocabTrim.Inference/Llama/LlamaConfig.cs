namespace VocabTrim.Inference.Llama;

/// <summary>
/// What a <c>config.json</c> of <c>model_type</c> llama (LlamaForCausalLM: Llama 2, Llama 3.x, and the many models
/// that reuse its layout) or qwen2 (Qwen2ForCausalLM: Qwen2, Qwen2.5) says about the network. The two differ
/// only in biases: Qwen2 always has them on the q, k and v projections and nowhere else; Llama has them on
/// q, k, v and o when <c>attention_bias</c> and in the MLP when <c>mlp_bias</c>. Defaults are transformers'.
/// </summary>
public sealed record LlamaConfig
{
    /// <summary>"llama" or "qwen2".</summary>
    public required string ModelType { get; init; }

    public required int VocabSize { get; init; }
    public required int HiddenSize { get; init; }
    public required int IntermediateSize { get; init; }
    public required int Layers { get; init; }
    public required int Heads { get; init; }

    /// <summary>
    /// Key/value heads (grouped-query attention): query head i uses key/value head i / (Heads / KeyValueHeads).
    /// </summary>
    public required int KeyValueHeads { get; init; }

    /// <summary>
    /// <c>head_dim</c> when the config gives it (Llama 3.2 and others decouple it), else hidden / heads.
    /// </summary>
    public required int HeadDim { get; init; }

    public required double RmsNormEpsilon { get; init; }
    public required double RopeTheta { get; init; }
    public required RopeScaling? RopeScaling { get; init; }

    /// <summary>Biases on the query, key and value projections.</summary>
    public required bool QueryKeyValueBias { get; init; }

    /// <summary>A bias on the attention's output projection.</summary>
    public required bool OutputBias { get; init; }

    /// <summary>Biases on gate, up and down projections.</summary>
    public required bool MlpBias { get; init; }

    /// <summary>True when the LM head is the embedding matrix itself (no <c>lm_head.weight</c> is read).</summary>
    public required bool TieWordEmbeddings { get; init; }

    public required long EosTokenId { get; init; }

    /// <summary>
    /// Generation ends on any of these: generation_config.json's eos ids, else config.json's (Llama 3 instruct: three).
    /// </summary>
    public required IReadOnlyList<long> EosTokenIds { get; init; }

    /// <summary>
    /// The id finished sequences are fed and prompts are padded with (masked out either way): pad_token_id, or
    /// eos when there is none, as transformers' generate does; Llama and Qwen2 configs define no pad token.
    /// </summary>
    public required long PadTokenId { get; init; }

    /// <param name="generation">generation_config.json, whose eos ids (when given) end generation.</param>
    public static LlamaConfig From(ModelConfigJson json, ModelConfigJson? generation = null)
    {
        var modelType = json.String("model_type") ?? "llama";
        var qwen2 = modelType == "qwen2";
        var hidden = json.Int("hidden_size");
        var heads = json.Int("num_attention_heads");
        var kvHeads = json.Int("num_key_value_heads", heads);
        if (heads <= 0 || kvHeads <= 0 || heads % kvHeads != 0)
            throw new ModelFolderException(json.Path,
                $"num_attention_heads {heads} is not a multiple of num_key_value_heads {kvHeads}");
        if (!json.Has("head_dim") && hidden % heads != 0)
            throw new ModelFolderException(json.Path,
                $"hidden_size {hidden} is not a multiple of {heads} heads and there is no head_dim");
        var headDim = json.Int("head_dim", hidden / heads);
        if (headDim <= 0 || headDim % 2 != 0)
            throw new ModelFolderException(json.Path,
                $"head_dim {headDim} must be a positive even number for rotary embeddings");
        var activation = json.String("hidden_act") ?? "silu";
        if (activation is not ("silu" or "swish"))
            throw new ModelFolderException(json.Path, $"hidden_act '{activation}' is not supported (silu is)");
        if (json.Double("partial_rotary_factor", 1.0) != 1.0)
            throw new ModelFolderException(json.Path,
                $"partial_rotary_factor other than 1 is not supported; positions would be wrong");
        if (json.Bool("use_sliding_window", false))
            throw new ModelFolderException(json.Path,
                $"use_sliding_window true is not supported; attention would see too far back");
        var eos = json.TokenId("eos_token_id") ?? (qwen2
            ? throw new ModelFolderException(json.Path, $"'eos_token_id' is missing")
            : 2);
        var attentionBias = json.Bool("attention_bias", false);
        return new LlamaConfig
        {
            ModelType = modelType,
            VocabSize = json.Int("vocab_size"),
            HiddenSize = hidden,
            IntermediateSize = json.Int("intermediate_size"),
            Layers = json.Int("num_hidden_layers"),
            Heads = heads,
            KeyValueHeads = kvHeads,
            HeadDim = headDim,
            RmsNormEpsilon = json.Double("rms_norm_eps", 1e-6),
            RopeTheta = json.Double("rope_theta", 10000.0),
            RopeScaling = RopeScaling.From(json),
            QueryKeyValueBias = qwen2 || attentionBias,
            OutputBias = !qwen2 && attentionBias,
            MlpBias = !qwen2 && json.Bool("mlp_bias", false),
            TieWordEmbeddings = json.Bool("tie_word_embeddings", false),
            EosTokenId = eos,
            EosTokenIds = Generation.EosTokenIds.Of(json, generation, eos),
            PadTokenId = json.TokenId("pad_token_id") ?? eos,
        };
    }
}
