namespace VocabTrim.Inference.Families;

/// <summary>What every family shares about <see cref="TensorRole"/>s.</summary>
public static class TensorRoles
{
    /// <summary>Prefers the name transformers keeps when it drops tied duplicates on saving.</summary>
    public static int KeepPriority(TensorRole role) => role switch
    {
        TensorRole.InputEmbedding => 0,
        TensorRole.EmbeddingAlias => 1,
        TensorRole.OutputEmbedding => 2,
        _ => 3,
    };

    public static bool IsVocabularySized(TensorRole role) => role != TensorRole.Other;

    /// <summary>
    /// The per-token biases transformers heads may carry, whatever the family; anything else is not vocabulary-sized.
    /// </summary>
    public static TensorRole BiasOrOther(string name) =>
        name is "final_logits_bias" or "lm_head.bias" || name.EndsWith(".final_logits_bias", StringComparison.Ordinal)
            ? TensorRole.VocabularyBias
            : TensorRole.Other;
}
