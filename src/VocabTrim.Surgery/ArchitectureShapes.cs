using System.Text.Json.Nodes;
using VocabTrim.Checkpoints;

namespace VocabTrim.Surgery;

/// <summary>
/// The tensors a family's config.json implies, with their shapes, as the inference core loads them
/// (transformers' names). A checkpoint that contradicts its config (an embedding narrower than d_model, a head
/// count that does not divide the width, a missing block) is refused before anything is written: trimmed as it
/// is, it would become a folder that no loader accepts. Tensors beyond these pass through unchecked.
/// </summary>
public static class ArchitectureShapes
{
    /// <param name="vocabularyRows">The rows of the vocabulary tensors (checked against vocab_size elsewhere).</param>
    public static void Check(ModelConfig config, ICheckpoint checkpoint, long vocabularyRows)
    {
        var expected = config.Family switch
        {
            ModelFamily.T5 => T5(config, vocabularyRows, checkpoint),
            ModelFamily.Bloom => Bloom(config, vocabularyRows, checkpoint),
            ModelFamily.Llama => Llama(config, vocabularyRows, checkpoint),
            _ => throw new ArgumentOutOfRangeException(nameof(config), config.Family, null),
        };
        foreach (var (name, shape, why) in expected)
        {
            if (!checkpoint.Tensors.TryGetValue(name, out var info))
                throw new ModelTrimException($"{checkpoint.Location}: tensor '{name}' is missing; {config.Path} ({why}) needs it");
            if (!info.Shape.AsSpan().SequenceEqual(shape))
                throw new ModelTrimException(
                    $"{checkpoint.Location}: tensor '{name}' is {info.Shape}, but {config.Path} implies {new TensorShape(shape)} ({why})");
        }
    }

    private static IEnumerable<(string Name, long[] Shape, string Why)> T5(ModelConfig config, long vocab, ICheckpoint checkpoint)
    {
        var json = config.Json;
        long d = Int(config, "d_model"), dKv = Int(config, "d_kv"), ff = Int(config, "d_ff"), heads = Int(config, "num_heads");
        var layers = Int(config, "num_layers");
        var decoderLayers = json.ContainsKey("num_decoder_layers") ? Int(config, "num_decoder_layers") : layers;
        var buckets = json.ContainsKey("relative_attention_num_buckets") ? Int(config, "relative_attention_num_buckets") : 32;
        var inner = heads * dKv;
        var gated = IsGated(config);
        var widths = $"d_model {d}, num_heads {heads} × d_kv {dKv}, d_ff {ff}";

        // Some checkpoints keep only an alias of shared.weight (the plan requires one of them to be there).
        foreach (var embedding in new[] { "shared.weight", "encoder.embed_tokens.weight", "decoder.embed_tokens.weight" })
            if (checkpoint.Tensors.ContainsKey(embedding)) yield return (embedding, [vocab, d], $"vocabulary × d_model {d}");
        if (!config.TieWordEmbeddings || checkpoint.Tensors.ContainsKey("lm_head.weight"))
            yield return ("lm_head.weight", [vocab, d], config.TieWordEmbeddings ? $"vocabulary × d_model {d}" : $"tie_word_embeddings false: vocabulary × d_model {d}");

        IEnumerable<(string, long[], string)> Attention(string p)
        {
            foreach (var x in new[] { "q", "k", "v" }) yield return ($"{p}.{x}.weight", [inner, d], widths);
            yield return ($"{p}.o.weight", [d, inner], widths);
        }
        IEnumerable<(string, long[], string)> FeedForward(string p)
        {
            foreach (var wi in gated ? new[] { "wi_0", "wi_1" } : ["wi"]) yield return ($"{p}.{wi}.weight", [ff, d], widths);
            yield return ($"{p}.wo.weight", [d, ff], widths);
        }
        (string, long[], string) Norm(string name) => (name, [d], $"d_model {d}");

        foreach (var stack in new[] { "encoder", "decoder" })
        {
            yield return ($"{stack}.block.0.layer.0.SelfAttention.relative_attention_bias.weight", [buckets, heads],
                $"relative_attention_num_buckets {buckets} × num_heads {heads}");
            yield return Norm($"{stack}.final_layer_norm.weight");
        }
        for (var i = 0; i < layers; i++)
        {
            var p = $"encoder.block.{i}";
            foreach (var t in Attention($"{p}.layer.0.SelfAttention")) yield return t;
            foreach (var t in FeedForward($"{p}.layer.1.DenseReluDense")) yield return t;
            yield return Norm($"{p}.layer.0.layer_norm.weight");
            yield return Norm($"{p}.layer.1.layer_norm.weight");
        }
        for (var i = 0; i < decoderLayers; i++)
        {
            var p = $"decoder.block.{i}";
            foreach (var t in Attention($"{p}.layer.0.SelfAttention")) yield return t;
            foreach (var t in Attention($"{p}.layer.1.EncDecAttention")) yield return t;
            foreach (var t in FeedForward($"{p}.layer.2.DenseReluDense")) yield return t;
            for (var n = 0; n < 3; n++) yield return Norm($"{p}.layer.{n}.layer_norm.weight");
        }
    }

    private static IEnumerable<(string Name, long[] Shape, string Why)> Bloom(ModelConfig config, long vocab, ICheckpoint checkpoint)
    {
        long h = IntAny(config, "hidden_size", "n_embed"), heads = IntAny(config, "n_head", "num_attention_heads");
        var layers = IntAny(config, "n_layer", "num_hidden_layers");
        if (heads < 1 || h % heads != 0)
            throw new ModelTrimException($"{config.Path}: hidden_size {h} is not a multiple of n_head {heads}");
        var p = checkpoint.Tensors.ContainsKey("transformer.word_embeddings.weight") ? "transformer." : "";
        var width = $"hidden_size {h}";

        yield return ($"{p}word_embeddings.weight", [vocab, h], $"vocabulary × hidden_size {h}");
        if (checkpoint.Tensors.ContainsKey("lm_head.weight")) yield return ("lm_head.weight", [vocab, h], $"vocabulary × hidden_size {h}");
        IEnumerable<(string, long[], string)> Norm(string name)
        {
            yield return ($"{p}{name}.weight", [h], width);
            yield return ($"{p}{name}.bias", [h], width);
        }
        IEnumerable<(string, long[], string)> Dense(string name, long rows, long columns)
        {
            yield return ($"{p}{name}.weight", [rows, columns], width);
            yield return ($"{p}{name}.bias", [rows], width);
        }
        foreach (var t in Norm("word_embeddings_layernorm").Concat(Norm("ln_f"))) yield return t;
        for (var i = 0; i < layers; i++)
        {
            foreach (var t in Norm($"h.{i}.input_layernorm")
                         .Concat(Dense($"h.{i}.self_attention.query_key_value", 3 * h, h))
                         .Concat(Dense($"h.{i}.self_attention.dense", h, h))
                         .Concat(Norm($"h.{i}.post_attention_layernorm"))
                         .Concat(Dense($"h.{i}.mlp.dense_h_to_4h", 4 * h, h))
                         .Concat(Dense($"h.{i}.mlp.dense_4h_to_h", h, 4 * h)))
                yield return t;
        }
    }

    private static IEnumerable<(string Name, long[] Shape, string Why)> Llama(ModelConfig config, long vocab, ICheckpoint checkpoint)
    {
        long h = Int(config, "hidden_size"), ff = Int(config, "intermediate_size"), heads = Int(config, "num_attention_heads");
        long kvHeads = config.Json.ContainsKey("num_key_value_heads") ? Int(config, "num_key_value_heads") : heads;
        var layers = Int(config, "num_hidden_layers");
        if (heads % kvHeads != 0)
            throw new ModelTrimException($"{config.Path}: num_attention_heads {heads} is not a multiple of num_key_value_heads {kvHeads}");
        if (!config.Json.ContainsKey("head_dim") && h % heads != 0)
            throw new ModelTrimException($"{config.Path}: hidden_size {h} is not a multiple of num_attention_heads {heads} and there is no head_dim");
        long headDim = config.Json.ContainsKey("head_dim") ? Int(config, "head_dim") : h / heads;
        var qwen2 = config.ModelType == "qwen2";
        var attentionBias = qwen2 || Bool(config, "attention_bias");
        var mlpBias = !qwen2 && Bool(config, "mlp_bias");
        var widths = $"hidden_size {h}, {heads} heads ({kvHeads} key-value) × head_dim {headDim}, intermediate_size {ff}";

        yield return ("model.embed_tokens.weight", [vocab, h], $"vocabulary × hidden_size {h}");
        if (!config.TieWordEmbeddings || checkpoint.Tensors.ContainsKey("lm_head.weight"))
            yield return ("lm_head.weight", [vocab, h], $"vocabulary × hidden_size {h}");
        yield return ("model.norm.weight", [h], $"hidden_size {h}");
        for (var i = 0; i < layers; i++)
        {
            var p = $"model.layers.{i}";
            yield return ($"{p}.input_layernorm.weight", [h], $"hidden_size {h}");
            yield return ($"{p}.post_attention_layernorm.weight", [h], $"hidden_size {h}");
            foreach (var (x, rows) in new[] { ("q", heads * headDim), ("k", kvHeads * headDim), ("v", kvHeads * headDim) })
            {
                yield return ($"{p}.self_attn.{x}_proj.weight", [rows, h], widths);
                if (attentionBias) yield return ($"{p}.self_attn.{x}_proj.bias", [rows], widths);
            }
            yield return ($"{p}.self_attn.o_proj.weight", [h, heads * headDim], widths);
            if (attentionBias && !qwen2) yield return ($"{p}.self_attn.o_proj.bias", [h], widths);
            foreach (var x in new[] { "gate", "up" })
            {
                yield return ($"{p}.mlp.{x}_proj.weight", [ff, h], widths);
                if (mlpBias) yield return ($"{p}.mlp.{x}_proj.bias", [ff], widths);
            }
            yield return ($"{p}.mlp.down_proj.weight", [h, ff], widths);
            if (mlpBias) yield return ($"{p}.mlp.down_proj.bias", [h], widths);
        }
    }

    private static bool Bool(ModelConfig config, string key) => config.Json[key] is JsonValue v && v.TryGetValue<bool>(out var b) && b;

    // As transformers' T5Config: "gated-ACT" (or is_gated_act) means wi_0 and wi_1, otherwise one wi.
    private static bool IsGated(ModelConfig config)
    {
        var json = config.Json;
        if (json["is_gated_act"] is JsonValue g && g.TryGetValue<bool>(out var gated)) return gated;
        return json["feed_forward_proj"] is JsonValue f && f.TryGetValue<string>(out var proj) && proj.StartsWith("gated-", StringComparison.Ordinal);
    }

    private static int IntAny(ModelConfig config, params string[] keys)
    {
        foreach (var key in keys)
            if (config.Json.ContainsKey(key)) return Int(config, key);
        throw new ModelTrimException($"{config.Path}: $.{string.Join(" or $.", keys)} is missing");
    }

    private static int Int(ModelConfig config, string key) =>
        config.Json[key] is JsonValue v && v.TryGetValue<int>(out var n) && n > 0 ? n
            : throw new ModelTrimException($"{config.Path}: $.{key}: expected a whole number >= 1, found {config.Json[key]?.ToJsonString() ?? "nothing"}");
}
