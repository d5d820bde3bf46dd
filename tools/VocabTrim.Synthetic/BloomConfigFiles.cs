using System.Text.Json.Nodes;
using VocabTrim.Common;

namespace VocabTrim.Synthetic;

/// <summary>
/// config.json and generation_config.json of a BLOOMZ model folder (bigscience/bloomz-*'s keys and ids).
/// </summary>
public static class BloomConfigFiles
{
    private const string TransformersVersion = "4.45.2";

    public static IReadOnlyDictionary<string, byte[]> For(BloomArchitecture a, string torchDtype = "float32") =>
        new Dictionary<string, byte[]>
        {
            [Mt5ConfigFiles.Config] = HfJson.Serialize(ConfigJson(a, torchDtype)),
            [Mt5ConfigFiles.GenerationConfig] = HfJson.Serialize(new JsonObject
            {
                ["_from_model_config"] = true, ["bos_token_id"] = 1, ["eos_token_id"] = 2, ["pad_token_id"] = 3,
                ["transformers_version"] = TransformersVersion,
            }),
        };

    public static void Write(string folder, BloomArchitecture a, string torchDtype = "float32")
    {
        Directory.CreateDirectory(folder);
        foreach (var (name, bytes) in For(a, torchDtype))
            AtomicFile.Write(Path.Combine(folder, name), s => s.Write(bytes));
    }

    public static JsonObject ConfigJson(BloomArchitecture a, string torchDtype = "float32") => new()
    {
        ["apply_residual_connection_post_layernorm"] = false,
        ["architectures"] = new JsonArray("BloomForCausalLM"),
        ["attention_dropout"] = HfJson.Number("0.0"),
        ["attention_softmax_in_fp32"] = true,
        ["bias_dropout_fusion"] = true,
        ["bos_token_id"] = 1,
        ["eos_token_id"] = 2,
        ["hidden_dropout"] = HfJson.Number("0.0"),
        ["hidden_size"] = a.Hidden,
        ["initializer_range"] = HfJson.Number("0.02"),
        ["layer_norm_epsilon"] = HfJson.Number("1e-05"),
        ["masked_softmax_fusion"] = true,
        ["model_type"] = "bloom",
        ["n_head"] = a.Heads,
        ["n_inner"] = null,
        ["n_layer"] = a.Layers,
        ["offset_alibi"] = 100,
        ["pad_token_id"] = 3,
        ["pretraining_tp"] = 1,
        ["skip_bias_add"] = true,
        ["skip_bias_add_qkv"] = false,
        ["slow_but_exact"] = false,
        ["torch_dtype"] = torchDtype,
        ["transformers_version"] = TransformersVersion,
        ["unk_token_id"] = 0,
        ["use_cache"] = true,
        ["vocab_size"] = a.VocabRows,
    };
}
