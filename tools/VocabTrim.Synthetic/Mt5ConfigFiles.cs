using System.Text.Json.Nodes;
using VocabTrim.Common;

namespace VocabTrim.Synthetic;

/// <summary>
/// The JSON files of an mT5 model folder, as transformers 4.45.2 saves MT5ForConditionalGeneration with its
/// T5Tokenizer (compare shared/reference/mt5-tiny): pad 0, eos 1, decoder_start 0, untied lm_head, gated-gelu.
/// </summary>
public static class Mt5ConfigFiles
{
    public const string Config = "config.json";
    public const string GenerationConfig = "generation_config.json";
    public const string TokenizerConfig = "tokenizer_config.json";
    public const string SpecialTokensMap = "special_tokens_map.json";

    private const string TransformersVersion = "4.45.2";

    /// <summary>File name → content, for a checkpoint of <paramref name="a"/>.</summary>
    public static IReadOnlyDictionary<string, byte[]> For(Mt5Architecture a) => new Dictionary<string, byte[]>
    {
        [Config] = HfJson.Serialize(ConfigJson(a)),
        [GenerationConfig] = HfJson.Serialize(new JsonObject
        {
            ["_from_model_config"] = true,
            ["decoder_start_token_id"] = 0,
            ["eos_token_id"] = 1,
            ["pad_token_id"] = 0,
            ["transformers_version"] = TransformersVersion,
        }),
        [TokenizerConfig] = HfJson.Serialize(TokenizerConfigJson()),
        // mT5's sentinels are pieces of spiece.model (extra_ids 0), so the map names only the three specials.
        [SpecialTokensMap] = HfJson.Serialize(
            new JsonObject { ["eos_token"] = "</s>", ["pad_token"] = "<pad>", ["unk_token"] = "<unk>" }),
    };

    /// <summary>Writes the files of <see cref="For"/> into <paramref name="folder"/>, each atomically.</summary>
    public static void Write(string folder, Mt5Architecture a)
    {
        Directory.CreateDirectory(folder);
        foreach (var (name, bytes) in For(a)) AtomicFile.Write(Path.Combine(folder, name), s => s.Write(bytes));
    }

    public static JsonObject ConfigJson(Mt5Architecture a) => new()
    {
        ["architectures"] = new JsonArray("MT5ForConditionalGeneration"),
        ["classifier_dropout"] = HfJson.Number("0.0"),
        ["d_ff"] = a.DFf,
        ["d_kv"] = a.DKv,
        ["d_model"] = a.DModel,
        ["decoder_start_token_id"] = 0,
        ["dense_act_fn"] = "gelu_new",
        ["dropout_rate"] = HfJson.Number("0.0"),
        ["eos_token_id"] = 1,
        ["feed_forward_proj"] = "gated-gelu",
        ["initializer_factor"] = HfJson.Number("1.0"),
        ["is_encoder_decoder"] = true,
        ["is_gated_act"] = true,
        ["layer_norm_epsilon"] = HfJson.Number("1e-06"),
        ["model_type"] = "mt5",
        ["num_decoder_layers"] = a.DecoderLayers,
        ["num_heads"] = a.Heads,
        ["num_layers"] = a.EncoderLayers,
        ["pad_token_id"] = 0,
        ["relative_attention_max_distance"] = a.MaxDistance,
        ["relative_attention_num_buckets"] = a.Buckets,
        ["tie_word_embeddings"] = false,
        ["tokenizer_class"] = "T5Tokenizer",
        ["torch_dtype"] = "float32",
        ["transformers_version"] = TransformersVersion,
        ["use_cache"] = true,
        ["vocab_size"] = a.VocabRows,
    };

    private static JsonObject TokenizerConfigJson()
    {
        JsonObject Added(string content) => new()
        {
            ["content"] = content, ["lstrip"] = false, ["normalized"] = false, ["rstrip"] = false,
            ["single_word"] = false, ["special"] = true,
        };
        return new JsonObject
        {
            ["added_tokens_decoder"] = new JsonObject
            {
                ["0"] = Added("<pad>"),
                ["1"] = Added("</s>"),
                ["2"] = Added("<unk>"),
            },
            ["additional_special_tokens"] = new JsonArray(),
            ["clean_up_tokenization_spaces"] = true,
            ["eos_token"] = "</s>",
            // Must stay 0: the sentinels <extra_id_N> are already pieces of spiece.model, as in google/mt5-*.
            ["extra_ids"] = 0,
            // T5Tokenizer's behaviour when mT5's tokenizer_config.json was written (it has no "legacy" key).
            ["legacy"] = true,
            ["pad_token"] = "<pad>",
            ["sp_model_kwargs"] = new JsonObject(),
            ["tokenizer_class"] = "T5Tokenizer",
            ["unk_token"] = "<unk>",
        };
    }
}
