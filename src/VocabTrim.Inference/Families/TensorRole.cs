namespace VocabTrim.Inference.Families;

/// <summary>What a checkpoint tensor is to the vocabulary, which decides whether trimming slices it.</summary>
public enum TensorRole
{
    /// <summary>Not vocabulary-sized: copied byte for byte.</summary>
    Other,

    /// <summary>
    /// The input embedding <c>[vocab, d_model]</c>: T5 <c>shared.weight</c>, BLOOM <c>word_embeddings.weight</c>.
    /// </summary>
    InputEmbedding,

    /// <summary>
    /// T5's <c>encoder.embed_tokens.weight</c> / <c>decoder.embed_tokens.weight</c> <c>[vocab, d_model]</c>: the same
    /// parameter as <c>shared.weight</c> inside transformers, stored again by some writers.
    /// </summary>
    EmbeddingAlias,

    /// <summary>
    /// The output projection <c>lm_head.weight</c> <c>[vocab, d_model]</c>, separate (mT5) or tied (BLOOM).
    /// </summary>
    OutputEmbedding,

    /// <summary>
    /// A per-token bias: <c>[vocab]</c> or <c>[1, vocab]</c> (<c>final_logits_bias</c>, <c>lm_head.bias</c>).
    /// </summary>
    VocabularyBias,
}
