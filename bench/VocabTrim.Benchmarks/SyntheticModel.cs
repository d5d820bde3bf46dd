using System.Text.Json.Nodes;
using VocabTrim.Checkpoints;
using VocabTrim.Checkpoints.Sharding;

namespace VocabTrim.Benchmarks;

/// <summary>
/// Model folders with the tensor shapes of mt0-small (d_model 512, d_ff 1024, 6 heads × d_kv 64, vocab 250,112,
/// untied lm_head) and bloomz-560m (hidden 1024, 16 heads, vocab 250,880, tied), F32, random bytes; the layer
/// count is a parameter so the checkpoint can grow while every tensor keeps its real shape.
/// </summary>
internal static class SyntheticModel
{
    public const long Mt0Vocab = 250_112;
    public const long BloomVocab = 250_880;

    public static void WriteMt0Small(string folder, int layers)
    {
        Directory.CreateDirectory(folder);
        var tensors = new List<ITensorSource>
        {
            new SyntheticTensorSource("shared.weight", Mt0Vocab, 512),
            new SyntheticTensorSource("lm_head.weight", Mt0Vocab, 512),
            new SyntheticTensorSource("encoder.final_layer_norm.weight", 512),
            new SyntheticTensorSource("decoder.final_layer_norm.weight", 512),
        };
        foreach (var stack in new[] { "encoder", "decoder" })
        {
            for (var i = 0; i < layers; i++)
            {
                var p = $"{stack}.block.{i}.layer";
                Attention(tensors, $"{p}.0.SelfAttention");
                if (i == 0)
                    tensors.Add(
                        new SyntheticTensorSource($"{p}.0.SelfAttention.relative_attention_bias.weight", 32, 6));
                tensors.Add(new SyntheticTensorSource($"{p}.0.layer_norm.weight", 512));
                var ff = stack == "encoder" ? 1 : 2;
                if (stack == "decoder")
                {
                    Attention(tensors, $"{p}.1.EncDecAttention");
                    tensors.Add(new SyntheticTensorSource($"{p}.1.layer_norm.weight", 512));
                }
                tensors.Add(new SyntheticTensorSource($"{p}.{ff}.DenseReluDense.wi_0.weight", 1024, 512));
                tensors.Add(new SyntheticTensorSource($"{p}.{ff}.DenseReluDense.wi_1.weight", 1024, 512));
                tensors.Add(new SyntheticTensorSource($"{p}.{ff}.DenseReluDense.wo.weight", 512, 1024));
                tensors.Add(new SyntheticTensorSource($"{p}.{ff}.layer_norm.weight", 512));
            }
        }
        ShardedSafetensorsWriter.Write(folder, tensors);
        WriteConfig(folder, new JsonObject
        {
            ["architectures"] = new JsonArray("MT5ForConditionalGeneration"), ["model_type"] = "mt5",
            ["d_model"] = 512, ["d_ff"] = 1024, ["d_kv"] = 64, ["num_heads"] = 6, ["num_layers"] = layers,
            ["num_decoder_layers"] = layers, ["vocab_size"] = Mt0Vocab, ["tie_word_embeddings"] = false,
            ["pad_token_id"] = 0, ["eos_token_id"] = 1, ["decoder_start_token_id"] = 0,
        });
    }

    public static void WriteBloomz560m(string folder, int layers)
    {
        Directory.CreateDirectory(folder);
        const long h = 1024;
        var tensors = new List<ITensorSource>
        {
            new SyntheticTensorSource("transformer.word_embeddings.weight", BloomVocab, h),
            new SyntheticTensorSource("transformer.word_embeddings_layernorm.weight", h),
            new SyntheticTensorSource("transformer.word_embeddings_layernorm.bias", h),
            new SyntheticTensorSource("transformer.ln_f.weight", h),
            new SyntheticTensorSource("transformer.ln_f.bias", h),
        };
        for (var i = 0; i < layers; i++)
        {
            var p = $"transformer.h.{i}";
            foreach (var norm in new[] { "input_layernorm", "post_attention_layernorm" })
            {
                tensors.Add(new SyntheticTensorSource($"{p}.{norm}.weight", h));
                tensors.Add(new SyntheticTensorSource($"{p}.{norm}.bias", h));
            }
            tensors.Add(new SyntheticTensorSource($"{p}.self_attention.query_key_value.weight", 3 * h, h));
            tensors.Add(new SyntheticTensorSource($"{p}.self_attention.query_key_value.bias", 3 * h));
            tensors.Add(new SyntheticTensorSource($"{p}.self_attention.dense.weight", h, h));
            tensors.Add(new SyntheticTensorSource($"{p}.self_attention.dense.bias", h));
            tensors.Add(new SyntheticTensorSource($"{p}.mlp.dense_h_to_4h.weight", 4 * h, h));
            tensors.Add(new SyntheticTensorSource($"{p}.mlp.dense_h_to_4h.bias", 4 * h));
            tensors.Add(new SyntheticTensorSource($"{p}.mlp.dense_4h_to_h.weight", h, 4 * h));
            tensors.Add(new SyntheticTensorSource($"{p}.mlp.dense_4h_to_h.bias", h));
        }
        ShardedSafetensorsWriter.Write(folder, tensors);
        WriteConfig(folder, new JsonObject
        {
            ["architectures"] = new JsonArray("BloomForCausalLM"), ["model_type"] = "bloom",
            ["hidden_size"] = h, ["n_head"] = 16, ["n_layer"] = layers, ["vocab_size"] = BloomVocab,
            ["bos_token_id"] = 1, ["eos_token_id"] = 2, ["pad_token_id"] = 3,
        });
    }

    /// <summary>
    /// A keep list like an en+de selection: the special ids first, then a shuffled sample of the rest.
    /// </summary>
    public static void WriteKeepList(string path, long vocab, int count)
    {
        var random = new Random(42);
        var rest = Enumerable.Range(4, (int)vocab - 4).OrderBy(_ => random.Next()).Take(count - 4);
        File.WriteAllText(path,
            new JsonArray([.. new[] { 0, 1, 2, 3 }.Concat(rest).Select(i => (JsonNode?)i)]).ToJsonString());
    }

    private static void Attention(List<ITensorSource> tensors, string prefix)
    {
        foreach (var m in new[] { "q", "k", "v" })
            tensors.Add(new SyntheticTensorSource($"{prefix}.{m}.weight", 384, 512));
        tensors.Add(new SyntheticTensorSource($"{prefix}.o.weight", 512, 384));
    }

    private static void WriteConfig(string folder, JsonObject config) =>
        File.WriteAllText(Path.Combine(folder, "config.json"), config.ToJsonString(new() { WriteIndented = true }));
}
