namespace VocabTrim.Synthetic;

/// <summary>
/// The tensors of a BloomForCausalLM checkpoint as <c>save_pretrained</c> writes them (<c>transformer.</c> names, the
/// tied lm_head left out), each with BLOOM's init: normal(0, 0.02) weights, zero-ish biases, norm gains near 1.
/// </summary>
public static class BloomTensors
{
    public static IReadOnlyList<(string Name, long[] Shape, TensorInit Init)> Plan(BloomArchitecture a)
    {
        long h = a.Hidden;
        var weight = TensorInit.Normal(0.02);
        // Not zero as transformers initialises them: a forgotten bias must change the output.
        var bias = TensorInit.Normal(0.002);
        var tensors = new List<(string, long[], TensorInit)>
        {
            ("transformer.word_embeddings.weight", [a.VocabRows, h], weight),
            ("transformer.word_embeddings_layernorm.weight", [h], NormGain),
            ("transformer.word_embeddings_layernorm.bias", [h], bias),
        };
        for (var i = 0; i < a.Layers; i++)
        {
            var p = $"transformer.h.{i}";
            tensors.Add(($"{p}.input_layernorm.weight", [h], NormGain));
            tensors.Add(($"{p}.input_layernorm.bias", [h], bias));
            tensors.Add(($"{p}.self_attention.query_key_value.weight", [3 * h, h], weight));
            tensors.Add(($"{p}.self_attention.query_key_value.bias", [3 * h], bias));
            tensors.Add(($"{p}.self_attention.dense.weight", [h, h], weight));
            tensors.Add(($"{p}.self_attention.dense.bias", [h], bias));
            tensors.Add(($"{p}.post_attention_layernorm.weight", [h], NormGain));
            tensors.Add(($"{p}.post_attention_layernorm.bias", [h], bias));
            tensors.Add(($"{p}.mlp.dense_h_to_4h.weight", [4 * h, h], weight));
            tensors.Add(($"{p}.mlp.dense_h_to_4h.bias", [4 * h], bias));
            tensors.Add(($"{p}.mlp.dense_4h_to_h.weight", [h, 4 * h], weight));
            tensors.Add(($"{p}.mlp.dense_4h_to_h.bias", [h], bias));
        }
        tensors.Add(("transformer.ln_f.weight", [h], NormGain));
        tensors.Add(("transformer.ln_f.bias", [h], bias));
        return tensors;
    }

    private static TensorInit NormGain => TensorInit.Uniform(1.0, 0.5);
}
