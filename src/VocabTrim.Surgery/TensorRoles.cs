namespace VocabTrim.Surgery;

/// <summary>Tensor names to <see cref="TensorRole"/>s per <see cref="ModelFamily"/>, as transformers names them.</summary>
public static class TensorRoles
{
    public static TensorRole Of(ModelFamily family, string name) => family switch
    {
        ModelFamily.T5 => name switch
        {
            "shared.weight" => TensorRole.InputEmbedding,
            "encoder.embed_tokens.weight" or "decoder.embed_tokens.weight" => TensorRole.EmbeddingAlias,
            "lm_head.weight" => TensorRole.OutputEmbedding,
            _ => BiasOrOther(name),
        },
        // BloomForCausalLM prefixes the body with "transformer."; a bare BloomModel does not.
        ModelFamily.Bloom => name switch
        {
            "transformer.word_embeddings.weight" or "word_embeddings.weight" => TensorRole.InputEmbedding,
            "lm_head.weight" => TensorRole.OutputEmbedding,
            _ => BiasOrOther(name),
        },
        ModelFamily.Llama => name switch
        {
            "model.embed_tokens.weight" => TensorRole.InputEmbedding,
            "lm_head.weight" => TensorRole.OutputEmbedding,
            _ => BiasOrOther(name),
        },
        _ => throw new ArgumentOutOfRangeException(nameof(family), family, null),
    };

    /// <summary>Prefers the name transformers keeps when it drops tied duplicates on saving.</summary>
    public static int KeepPriority(TensorRole role) => role switch
    {
        TensorRole.InputEmbedding => 0,
        TensorRole.EmbeddingAlias => 1,
        TensorRole.OutputEmbedding => 2,
        _ => 3,
    };

    public static bool IsVocabularySized(TensorRole role) => role != TensorRole.Other;

    private static TensorRole BiasOrOther(string name) =>
        name is "final_logits_bias" or "lm_head.bias" || name.EndsWith(".final_logits_bias", StringComparison.Ordinal)
            ? TensorRole.VocabularyBias
            : TensorRole.Other;
}
