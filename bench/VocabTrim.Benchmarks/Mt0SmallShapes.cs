namespace VocabTrim.Benchmarks;

/// <summary>
/// mt0-small's tensors (d_model 512, d_ff 1024, 8+8 layers, 6 heads, d_kv 64, untied head) for a chosen vocabulary.
/// </summary>
internal static class Mt0SmallShapes
{
    public const int DModel = 512, DFf = 1024, Layers = 8, Heads = 6, DKv = 64, Buckets = 32;

    public static Dictionary<string, object> Config(int vocab) => new()
    {
        ["model_type"] = "mt5", ["vocab_size"] = vocab, ["d_model"] = DModel, ["d_kv"] = DKv, ["d_ff"] = DFf,
        ["num_layers"] = Layers, ["num_decoder_layers"] = Layers, ["num_heads"] = Heads,
        ["relative_attention_num_buckets"] = Buckets, ["relative_attention_max_distance"] = 128,
        ["feed_forward_proj"] = "gated-gelu", ["tie_word_embeddings"] = false, ["layer_norm_epsilon"] = 1e-6,
        ["pad_token_id"] = 0, ["eos_token_id"] = 1, ["decoder_start_token_id"] = 0,
    };

    public static Dictionary<string, long[]> Tensors(int vocab)
    {
        const long d = DModel, inner = Heads * DKv, ff = DFf;
        var t = new Dictionary<string, long[]>
        {
            ["shared.weight"] = [vocab, d], ["lm_head.weight"] = [vocab, d],
            ["encoder.final_layer_norm.weight"] = [d], ["decoder.final_layer_norm.weight"] = [d],
            ["encoder.block.0.layer.0.SelfAttention.relative_attention_bias.weight"] = [Buckets, Heads],
            ["decoder.block.0.layer.0.SelfAttention.relative_attention_bias.weight"] = [Buckets, Heads],
        };
        void Attention(string p)
        {
            foreach (var w in new[] { "q", "k", "v" }) t[$"{p}.{w}.weight"] = [inner, d];
            t[$"{p}.o.weight"] = [d, inner];
        }
        void FeedForward(string p)
        {
            t[$"{p}.wi_0.weight"] = [ff, d];
            t[$"{p}.wi_1.weight"] = [ff, d];
            t[$"{p}.wo.weight"] = [d, ff];
        }
        for (var i = 0; i < Layers; i++)
        {
            Attention($"encoder.block.{i}.layer.0.SelfAttention");
            FeedForward($"encoder.block.{i}.layer.1.DenseReluDense");
            t[$"encoder.block.{i}.layer.0.layer_norm.weight"] = [d];
            t[$"encoder.block.{i}.layer.1.layer_norm.weight"] = [d];
            Attention($"decoder.block.{i}.layer.0.SelfAttention");
            Attention($"decoder.block.{i}.layer.1.EncDecAttention");
            FeedForward($"decoder.block.{i}.layer.2.DenseReluDense");
            for (var l = 0; l < 3; l++) t[$"decoder.block.{i}.layer.{l}.layer_norm.weight"] = [d];
        }
        return t;
    }
}
