using TorchSharp;
using VocabTrim.Checkpoints;
using VocabTrim.Inference.Bloom;
using VocabTrim.Inference.Generation;
using VocabTrim.Inference.Mt5;
using VocabTrim.Inference.Tests.Support;
using VocabTrim.TestSupport;

namespace VocabTrim.Inference.Tests;

/// <summary>
/// Configurations other than the two fixtures, loaded from config.json alone and checked against properties
/// that hold for any correct implementation: tying equals an explicit scaled head, a padded batch equals
/// each sequence alone, the KV cache equals recomputing from scratch.
/// </summary>
public class ConfigVariantTests
{
    private static Dictionary<string, object> Mt5TinyConfig() => new()
    {
        ["model_type"] = "mt5", ["vocab_size"] = 1024, ["d_model"] = 64, ["d_kv"] = 16, ["d_ff"] = 128,
        ["num_layers"] = 2, ["num_decoder_layers"] = 2, ["num_heads"] = 4, ["relative_attention_num_buckets"] = 32,
        ["relative_attention_max_distance"] = 128, ["feed_forward_proj"] = "gated-gelu", ["layer_norm_epsilon"] = 1e-6,
        ["pad_token_id"] = 0, ["eos_token_id"] = 1, ["decoder_start_token_id"] = 0,
    };

    [Fact]
    public void Tied_mt5_uses_the_shared_embedding_scaled_by_inverse_sqrt_d_model()
    {
        var source = SharedData.Reference("mt5-tiny");
        using var dir = new TempDir();
        var tiedConfig = Mt5TinyConfig();
        tiedConfig["tie_word_embeddings"] = true;
        SyntheticModel.Rewrite(Path.Combine(dir.Path, "tied"), source, tiedConfig,
            (c, n) => n == "lm_head.weight" ? null : new CheckpointTensorSource(c, n));
        // The same network spelled out: an untied head that holds shared.weight / sqrt(64).
        var untiedConfig = Mt5TinyConfig();
        untiedConfig["tie_word_embeddings"] = false;
        SyntheticModel.Rewrite(Path.Combine(dir.Path, "explicit"), source, untiedConfig, (c, n) => n switch
        {
            "lm_head.weight" => Scaled(c, "shared.weight", "lm_head.weight", 1 / 8f),
            _ => new CheckpointTensorSource(c, n),
        });

        var run = Support.ReferenceRun.Load("mt5-tiny");
        var inputs = TensorData.Sequences(run.Cases.Select(c => c.InputIds));
        var options = new GenerationOptions(6, KeepStepLogits: true);
        using var tied = LanguageModels.Load(Path.Combine(dir.Path, "tied"));
        using var explicitHead = LanguageModels.Load(Path.Combine(dir.Path, "explicit"));
        ((Mt5Model)tied).Config.TieWordEmbeddings.Should().BeTrue();
        var a = new GreedyGenerator(tied).Generate(inputs, options);
        var b = new GreedyGenerator(explicitHead).Generate(inputs, options);
        for (var i = 0; i < inputs.Count; i++)
        {
            a.Tokens[i].Should().Equal(b.Tokens[i]);
            for (var step = 0; step < a.StepLogits[i].Count; step++)
                Tolerance.AssertClose(a.StepLogits[i][step], b.StepLogits[i][step], $"sequence {i} step {step}");
        }
        // And it is a different model from the untied fixture: its first logits are not the reference's.
        a.StepLogits[0][0][0].Should().NotBeApproximately((float)run.Cases[0].StepLogits[0][0], 1e-3f);
    }

    [Fact]
    public void Mt5_with_other_heads_buckets_and_relu_feed_forward_is_consistent()
    {
        using var dir = new TempDir();
        var config = new Dictionary<string, object>
        {
            ["model_type"] = "t5", ["vocab_size"] = 96, ["d_model"] = 40, ["d_kv"] = 12, ["d_ff"] = 72,
            ["num_layers"] = 3, ["num_decoder_layers"] = 2, ["num_heads"] = 6, ["relative_attention_num_buckets"] = 8,
            ["relative_attention_max_distance"] = 16, ["feed_forward_proj"] = "relu", ["layer_norm_epsilon"] = 1e-6,
            ["pad_token_id"] = 0, ["eos_token_id"] = 1, ["decoder_start_token_id"] = 0, ["tie_word_embeddings"] = false,
        };
        var tensors = new List<(string, long[])> { ("shared.weight", [96, 40]), ("lm_head.weight", [96, 40]),
            ("encoder.final_layer_norm.weight", [40]), ("decoder.final_layer_norm.weight", [40]) };
        foreach (var (stack, layers) in new[] { ("encoder", 3), ("decoder", 2) })
        {
            tensors.Add(($"{stack}.block.0.layer.0.SelfAttention.relative_attention_bias.weight", [8, 6]));
            for (var i = 0; i < layers; i++)
            {
                var attentions = stack == "encoder" ? new[] { "0.SelfAttention" } : ["0.SelfAttention", "1.EncDecAttention"];
                foreach (var a in attentions)
                {
                    foreach (var w in new[] { "q", "k", "v" }) tensors.Add(($"{stack}.block.{i}.layer.{a}.{w}.weight", [72, 40]));
                    tensors.Add(($"{stack}.block.{i}.layer.{a}.o.weight", [40, 72]));
                }
                var norms = stack == "encoder" ? 2 : 3;
                for (var l = 0; l < norms; l++) tensors.Add(($"{stack}.block.{i}.layer.{l}.layer_norm.weight", [40]));
                tensors.Add(($"{stack}.block.{i}.layer.{norms - 1}.DenseReluDense.wi.weight", [72, 40]));
                tensors.Add(($"{stack}.block.{i}.layer.{norms - 1}.DenseReluDense.wo.weight", [40, 72]));
            }
        }
        SyntheticModel.Write(dir.Path, config, tensors,
            (n, i) => n.Contains("layer_norm") ? 1 + SyntheticModel.Noise(n, i, 0.2f) : SyntheticModel.Noise(n, i, 0.5f));

        using var model = (Mt5Model)LanguageModels.Load(dir.Path);
        model.Config.GatedFeedForward.Should().BeFalse();
        model.Config.Activation.Should().Be(FeedForwardActivation.Relu);
        long[][] inputs = [[5, 17, 33, 1], [40, 41, 42, 43, 44, 45, 46, 47, 48, 49, 50, 51, 52, 53, 54, 55, 56, 57, 58, 59, 60, 61, 1], [9, 1]];
        AssertBatchEqualsSingles(model, inputs, maxNewTokens: 8);

        // Cache versus recompute: the last step's logits from one teacher-forced pass over all decoder inputs.
        var generated = new GreedyGenerator(model).Generate([inputs[1]], new GenerationOptions(8, StopAtEos: false, KeepStepLogits: true));
        using var scope = torch.NewDisposeScope();
        using var batch = PaddedBatch.Right([inputs[1]], 0, torch.CPU);
        using var memory = model.Remember(model.Encode(batch.Ids, batch.Mask), batch.Mask);
        long[] decoderIds = [0, .. generated.Tokens[0][..^1]];
        using var cache = model.NewCache(1, decoderIds.Length);
        var logits = model.Decode(torch.tensor(decoderIds, [1, decoderIds.Length]), memory, cache);
        for (var step = 0; step < decoderIds.Length; step++)
            Tolerance.AssertClose(TensorData.Floats(logits.select(1, step)), generated.StepLogits[0][step], $"decoder position {step}");
    }

    [Fact]
    public void Bloom_with_six_heads_left_pads_and_caches_consistently()
    {
        using var dir = new TempDir();
        const int hidden = 48, vocab = 80, layers = 3;
        var config = new Dictionary<string, object>
        {
            ["model_type"] = "bloom", ["vocab_size"] = vocab, ["hidden_size"] = hidden, ["n_layer"] = layers, ["n_head"] = 6,
            ["layer_norm_epsilon"] = 1e-5, ["bos_token_id"] = 1, ["eos_token_id"] = 2, ["pad_token_id"] = 3,
        };
        var tensors = new List<(string, long[])> { ("transformer.word_embeddings.weight", [vocab, hidden]),
            ("transformer.word_embeddings_layernorm.weight", [hidden]), ("transformer.word_embeddings_layernorm.bias", [hidden]),
            ("transformer.ln_f.weight", [hidden]), ("transformer.ln_f.bias", [hidden]) };
        for (var i = 0; i < layers; i++)
        {
            var p = $"transformer.h.{i}.";
            tensors.AddRange([
                (p + "input_layernorm.weight", [hidden]), (p + "input_layernorm.bias", [hidden]),
                (p + "self_attention.query_key_value.weight", [3 * hidden, hidden]), (p + "self_attention.query_key_value.bias", [3 * hidden]),
                (p + "self_attention.dense.weight", [hidden, hidden]), (p + "self_attention.dense.bias", [hidden]),
                (p + "post_attention_layernorm.weight", [hidden]), (p + "post_attention_layernorm.bias", [hidden]),
                (p + "mlp.dense_h_to_4h.weight", [4 * hidden, hidden]), (p + "mlp.dense_h_to_4h.bias", [4 * hidden]),
                (p + "mlp.dense_4h_to_h.weight", [hidden, 4 * hidden]), (p + "mlp.dense_4h_to_h.bias", [hidden])]);
        }
        SyntheticModel.Write(dir.Path, config, tensors,
            (n, i) => n.EndsWith("norm.weight", StringComparison.Ordinal) || n.EndsWith("ln_f.weight", StringComparison.Ordinal)
                ? 1 + SyntheticModel.Noise(n, i, 0.2f) : SyntheticModel.Noise(n, i, 0.3f));

        using var model = (BloomModel)LanguageModels.Load(dir.Path);
        model.Config.Heads.Should().Be(6);
        long[][] prompts = [[10, 11, 12], [20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32], [40]];
        AssertBatchEqualsSingles(model, prompts, maxNewTokens: 8);

        var generated = new GreedyGenerator(model).Generate([prompts[1]], new GenerationOptions(8, StopAtEos: false, KeepStepLogits: true));
        long[] all = [.. prompts[1], .. generated.Tokens[0][..^1]];
        using var scope = torch.NewDisposeScope();
        using var cache = model.NewCache(1, all.Length);
        var logits = model.Forward(torch.tensor(all, [1, all.Length]), torch.ones([1, all.Length], torch.ScalarType.Int64), cache);
        for (var step = 0; step < generated.StepLogits[0].Count; step++)
            Tolerance.AssertClose(TensorData.Floats(logits.select(1, prompts[1].Length - 1 + step)), generated.StepLogits[0][step], $"step {step}");
    }

    private static void AssertBatchEqualsSingles(ILanguageModel model, long[][] inputs, int maxNewTokens)
    {
        var generator = new GreedyGenerator(model);
        var options = new GenerationOptions(maxNewTokens, StopAtEos: false, KeepStepLogits: true);
        var batched = generator.Generate(TensorData.Sequences(inputs), options);
        for (var i = 0; i < inputs.Length; i++)
        {
            var single = generator.Generate([inputs[i]], options);
            batched.Tokens[i].Should().Equal(single.Tokens[0], $"sequence {i}");
            for (var step = 0; step < maxNewTokens; step++)
                Tolerance.AssertClose(batched.StepLogits[i][step], single.StepLogits[0][step], $"sequence {i} step {step}");
        }
    }

    private static ITensorSource Scaled(ICheckpoint checkpoint, string name, string newName, float factor)
    {
        var bytes = checkpoint.ReadTensor(name);
        var values = new float[bytes.Length / 4];
        Buffer.BlockCopy(bytes, 0, values, 0, bytes.Length);
        for (var i = 0; i < values.Length; i++) values[i] *= factor;
        Buffer.BlockCopy(values, 0, bytes, 0, bytes.Length);
        return new BytesTensorSource(checkpoint.Info(name) with { Name = newName }, bytes);
    }
}
