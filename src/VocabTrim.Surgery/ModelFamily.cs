namespace VocabTrim.Surgery;

/// <summary>The architectures whose vocabulary tensors vocabtrim knows, decided by config.json's <c>model_type</c>.</summary>
public enum ModelFamily
{
    /// <summary><c>t5</c> and <c>mt5</c> (mT0): <c>shared</c> embedding, encoder/decoder aliases of it, <c>lm_head</c>.</summary>
    T5,

    /// <summary><c>bloom</c> (BLOOMZ): <c>word_embeddings</c>, with <c>lm_head</c> tied to it.</summary>
    Bloom,

    /// <summary>
    /// <c>llama</c> and <c>qwen2</c>: <c>model.embed_tokens</c>, and <c>lm_head</c> unless tie_word_embeddings
    /// (Llama 3.2 1B/3B and Qwen2.5 up to 3B tie; larger ones do not).
    /// </summary>
    Llama,
}
