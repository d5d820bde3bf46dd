using TorchSharp;
using VocabTrim.Checkpoints;
using VocabTrim.Inference.Mt5;
using VocabTrim.Inference.Weights;
using VocabTrim.TestSupport;

namespace VocabTrim.Inference.Tests.Support;

/// <summary>
/// A small mT5-family checkpoint with random weights at about 1/√fan-in (as trained models have them), two
/// encoder and three decoder layers, in any of the configurations the fused CPU paths take: gated or plain
/// feed-forward with any activation (<c>gated-gelu</c>, <c>relu</c>, …), tied or untied head, any widths.
/// </summary>
public static class RandomMt5
{
    /// <summary>
    /// The configurations both fused CPU paths take, as (feed_forward_proj, tied head, d_model, d_kv, heads):
    /// mT5's own gated gelu_new; gated silu with a tied head and widths that are not multiples of eight; T5
    /// v1.0's ungated relu; gated relu with a tied head.
    /// </summary>
    public static TheoryData<string, bool, int, int, int> Configurations => new()
    {
        { "gated-gelu", false, 64, 16, 4 },
        { "gated-silu", true, 40, 12, 6 },
        { "relu", false, 40, 12, 3 },
        { "gated-relu", true, 24, 8, 3 },
    };

    /// <summary>
    /// Twenty-one prompts within the vocabulary (128), ending in eos: the second is 91 tokens long, the others
    /// 2 to 8, so that any batch of two or more is padded.
    /// </summary>
    public static readonly long[][] Prompts =
    [
        [5, 17, 33, 1], [.. Enumerable.Range(20, 90).Select(t => (long)t), 1], [9, 1], [60, 61, 62, 1],
        [70, 1], [80, 81, 82, 83, 84, 85, 1], [90, 91, 1], [3, 4, 5, 6, 7, 8, 1],
        .. Enumerable.Range(0, 13).Select(i => (long[])[10 + i, 30 + 2 * i, 100 - i, 1]),
    ];

    /// <summary>
    /// The checkpoint in <paramref name="folder"/> evaluated in float64: the exact values both float32 paths are held
    /// to.
    /// </summary>
    public static Mt5Model LoadFloat64(string folder)
    {
        using var checkpoint = Checkpoint.Open(folder);  // the model reads every tensor while it loads
        return Mt5Model.Load(Mt5Config.From(ModelConfigJson.LoadFolder(folder)),
            new WeightLoader(checkpoint, torch.CPU, torch.ScalarType.Float64));
    }

    public static void Write(string folder, string feedForward, bool tied, int dModel, int dKv, int heads, int dFf)
    {
        const int vocab = 128;
        var config = new Dictionary<string, object>
        {
            ["model_type"] = "t5", ["vocab_size"] = vocab, ["d_model"] = dModel, ["d_kv"] = dKv, ["d_ff"] = dFf,
            ["num_layers"] = 2, ["num_decoder_layers"] = 3, ["num_heads"] = heads,
            ["relative_attention_num_buckets"] = 8,
            ["relative_attention_max_distance"] = 16, ["feed_forward_proj"] = feedForward,
            ["layer_norm_epsilon"] = 1e-6,
            ["pad_token_id"] = 0, ["eos_token_id"] = 1, ["decoder_start_token_id"] = 0, ["tie_word_embeddings"] = tied,
        };
        var inner = (long)heads * dKv;
        var gated = feedForward.StartsWith("gated-", StringComparison.Ordinal);
        var tensors = new List<(string, long[])> { ("shared.weight", [vocab, dModel]),
            ("encoder.final_layer_norm.weight", [dModel]), ("decoder.final_layer_norm.weight", [dModel]) };
        if (!tied) tensors.Add(("lm_head.weight", [vocab, dModel]));
        foreach (var (stack, layers) in new[] { ("encoder", 2), ("decoder", 3) })
        {
            tensors.Add(($"{stack}.block.0.layer.0.SelfAttention.relative_attention_bias.weight", [8, heads]));
            for (var i = 0; i < layers; i++)
            {
                var attentions = stack == "encoder" ? new[] { "0.SelfAttention" } : ["0.SelfAttention",
                    "1.EncDecAttention"];
                foreach (var a in attentions)
                {
                    foreach (var w in new[] { "q", "k", "v" }) tensors.Add(($"{stack}.block.{i}.layer.{a}.{w}.weight",
                        [inner, dModel]));
                    tensors.Add(($"{stack}.block.{i}.layer.{a}.o.weight", [dModel, inner]));
                }
                var ff = stack == "encoder" ? 1 : 2;
                for (var l = 0; l <= ff; l++) tensors.Add(($"{stack}.block.{i}.layer.{l}.layer_norm.weight", [dModel]));
                var p = $"{stack}.block.{i}.layer.{ff}.DenseReluDense";
                if (gated)
                {
                    tensors.Add(($"{p}.wi_0.weight", [dFf, dModel]));
                    tensors.Add(($"{p}.wi_1.weight", [dFf, dModel]));
                }
                else tensors.Add(($"{p}.wi.weight", [dFf, dModel]));
                tensors.Add(($"{p}.wo.weight", [dModel, dFf]));
            }
        }
        // Weights at about 1/√fan-in, as trained models have them: at ±0.5 the unscaled attention scores get so
        // large that float32 rounding in either path grows past the tolerance against float64.
        SyntheticModel.Write(folder, config, tensors, (n, i) => n.Contains("layer_norm")
            ? 1 + SyntheticModel.Noise(n, i, 0.2f)
            : SyntheticModel.Noise(n, i,
                n.Contains("relative_attention_bias") || n.EndsWith("shared.weight")
                || n.StartsWith("lm_head") ? 1f : 2f / MathF.Sqrt(dModel)));
    }
}
