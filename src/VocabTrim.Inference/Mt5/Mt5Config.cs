namespace VocabTrim.Inference.Mt5;

/// <summary>
/// What an mT5/T5 <c>config.json</c> says about the network. Behaviour comes from these fields only (gating,
/// activation, tying, buckets), never from the model's name, so that mT0, T5 v1.1 and trimmed copies all load.
/// </summary>
public sealed record Mt5Config
{
    public required int VocabSize { get; init; }
    public required int DModel { get; init; }
    public required int DKv { get; init; }
    public required int DFf { get; init; }
    public required int EncoderLayers { get; init; }
    public required int DecoderLayers { get; init; }
    public required int Heads { get; init; }
    public required int RelativeAttentionBuckets { get; init; }
    public required int RelativeAttentionMaxDistance { get; init; }
    public required double LayerNormEpsilon { get; init; }
    public required bool GatedFeedForward { get; init; }
    public required FeedForwardActivation Activation { get; init; }

    /// <summary>LM head = shared embedding, and the decoder output scaled by d_model^-0.5 before it.</summary>
    public required bool TieWordEmbeddings { get; init; }

    public required long PadTokenId { get; init; }
    public required long EosTokenId { get; init; }
    public required long DecoderStartTokenId { get; init; }

    /// <summary>Generation ends on any of these: generation_config.json's eos ids, else config.json's.</summary>
    public required IReadOnlyList<long> EosTokenIds { get; init; }

    /// <summary>Width of the attention projections: heads × d_kv (not always d_model).</summary>
    public int InnerDim => Heads * DKv;

    /// <param name="generation">generation_config.json, whose eos ids (when given) end generation.</param>
    public static Mt5Config From(ModelConfigJson json, ModelConfigJson? generation = null)
    {
        // As transformers' T5Config: "gated-gelu" means gated gelu_new; otherwise "[gated-]ACT".
        var proj = json.String("feed_forward_proj") ?? "relu";
        var parts = proj.Split('-');
        var gated = parts.Length > 1 && parts[0] == "gated";
        if (parts.Length > 2 || (parts.Length == 2 && !gated))
            throw new ModelFolderException(json.Path, $"$.feed_forward_proj: '{proj}' is not 'ACT' or 'gated-ACT'");
        var act = proj == "gated-gelu" ? "gelu_new" : parts[^1];
        act = json.String("dense_act_fn") ?? act;
        gated = json.Bool("is_gated_act", gated);
        var pad = json.TokenId("pad_token_id") ?? 0;
        var layers = json.Int("num_layers");
        var eos = json.TokenId("eos_token_id") ?? 1;
        return new Mt5Config
        {
            VocabSize = json.Int("vocab_size"),
            DModel = json.Int("d_model"),
            DKv = json.Int("d_kv"),
            DFf = json.Int("d_ff"),
            EncoderLayers = layers,
            DecoderLayers = json.Int("num_decoder_layers", layers),
            Heads = json.Int("num_heads"),
            RelativeAttentionBuckets = json.Int("relative_attention_num_buckets", 32),
            RelativeAttentionMaxDistance = json.Int("relative_attention_max_distance", 128),
            LayerNormEpsilon = json.Double("layer_norm_epsilon", 1e-6),
            GatedFeedForward = gated,
            Activation = ParseActivation(act, json.Path),
            // T5Config defaults to tied, MT5Config to untied: the default follows model_type when the key is absent.
            TieWordEmbeddings = json.Bool("tie_word_embeddings", json.String("model_type") != "mt5"),
            PadTokenId = pad,
            EosTokenId = eos,
            EosTokenIds = Generation.EosTokenIds.Of(json, generation, eos),
            DecoderStartTokenId = json.TokenId("decoder_start_token_id") ?? pad,
        };
    }

    private static FeedForwardActivation ParseActivation(string name, string path) => name switch
    {
        "relu" => FeedForwardActivation.Relu,
        "gelu" => FeedForwardActivation.Gelu,
        "gelu_new" or "gelu_pytorch_tanh" or "gelu_fast" => FeedForwardActivation.GeluTanh,
        "silu" or "swish" => FeedForwardActivation.Silu,
        _ => throw new ModelFolderException(path,
            $"feed-forward activation '{name}' is not supported (relu, gelu, gelu_new, silu are)"),
    };
}
