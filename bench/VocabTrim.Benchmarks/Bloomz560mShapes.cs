namespace VocabTrim.Benchmarks;

/// <summary>bloomz-560m's tensors (hidden 1024, 24 layers, 16 heads, tied head) for a chosen vocabulary.</summary>
internal static class Bloomz560mShapes
{
    public const int Hidden = 1024, Layers = 24, Heads = 16;

    public static Dictionary<string, object> Config(int vocab) => new()
    {
        ["model_type"] = "bloom", ["vocab_size"] = vocab, ["hidden_size"] = Hidden, ["n_layer"] = Layers,
        ["n_head"] = Heads,
        ["layer_norm_epsilon"] = 1e-5, ["apply_residual_connection_post_layernorm"] = false,
        ["tie_word_embeddings"] = true, ["bos_token_id"] = 1, ["eos_token_id"] = 2, ["pad_token_id"] = 3,
    };

    public static Dictionary<string, long[]> Tensors(int vocab)
    {
        const long h = Hidden;
        var t = new Dictionary<string, long[]>
        {
            ["word_embeddings.weight"] = [vocab, h],
            ["word_embeddings_layernorm.weight"] = [h], ["word_embeddings_layernorm.bias"] = [h],
            ["ln_f.weight"] = [h], ["ln_f.bias"] = [h],
        };
        void Dense(string p, long rows, long columns)
        {
            t[$"{p}.weight"] = [rows, columns];
            t[$"{p}.bias"] = [rows];
        }
        for (var i = 0; i < Layers; i++)
        {
            foreach (var norm in new[] { "input_layernorm", "post_attention_layernorm" })
            {
                t[$"h.{i}.{norm}.weight"] = [h];
                t[$"h.{i}.{norm}.bias"] = [h];
            }
            Dense($"h.{i}.self_attention.query_key_value", 3 * h, h);
            Dense($"h.{i}.self_attention.dense", h, h);
            Dense($"h.{i}.mlp.dense_h_to_4h", 4 * h, h);
            Dense($"h.{i}.mlp.dense_4h_to_h", h, 4 * h);
        }
        return t;
    }
}
