namespace VocabTrim.Inference.Bloom;

/// <summary>What a BLOOM <c>config.json</c> says about the network.</summary>
public sealed record BloomConfig
{
    public required int VocabSize { get; init; }
    public required int HiddenSize { get; init; }
    public required int Layers { get; init; }
    public required int Heads { get; init; }
    public required double LayerNormEpsilon { get; init; }

    /// <summary>
    /// Residuals taken after the layer norms instead of before them (false for every released BLOOM).
    /// </summary>
    public required bool ResidualAfterLayerNorm { get; init; }

    /// <summary>False only when the checkpoint carries its own lm_head.weight to use.</summary>
    public required bool TieWordEmbeddings { get; init; }

    public required long PadTokenId { get; init; }
    public required long EosTokenId { get; init; }
    public required long BosTokenId { get; init; }

    /// <summary>Generation ends on any of these: generation_config.json's eos ids, else config.json's.</summary>
    public required IReadOnlyList<long> EosTokenIds { get; init; }

    public int HeadDim => HiddenSize / Heads;

    /// <param name="generation">generation_config.json, whose eos ids (when given) end generation.</param>
    public static BloomConfig From(ModelConfigJson json, ModelConfigJson? generation = null)
    {
        var hidden = json.IntAny("hidden_size", "n_embed");
        var heads = json.IntAny("n_head", "num_attention_heads");
        if (heads < 1 || hidden < 1 || hidden % heads != 0)
            throw new ModelFolderException(json.Path,
                $"hidden size {hidden} is not a positive multiple of n_head {heads}");
        var eos = json.TokenId("eos_token_id") ?? 2;
        return new BloomConfig
        {
            VocabSize = json.Int("vocab_size"),
            HiddenSize = hidden,
            Layers = json.IntAny("n_layer", "num_hidden_layers"),
            Heads = heads,
            LayerNormEpsilon = json.Double("layer_norm_epsilon", 1e-5),
            ResidualAfterLayerNorm = json.Bool("apply_residual_connection_post_layernorm", false),
            TieWordEmbeddings = json.Bool("tie_word_embeddings", true),
            PadTokenId = json.TokenId("pad_token_id") ?? 3,
            EosTokenId = eos,
            EosTokenIds = Generation.EosTokenIds.Of(json, generation, eos),
            BosTokenId = json.TokenId("bos_token_id") ?? 1,
        };
    }
}
