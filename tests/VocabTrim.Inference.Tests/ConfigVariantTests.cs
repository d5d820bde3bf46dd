using TorchSharp;
using VocabTrim.Checkpoints;
using VocabTrim.Checkpoints.Safetensors;
using VocabTrim.Inference.Bloom;
using VocabTrim.Inference.Generation;
using VocabTrim.Inference.Llama;
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
                var attentions = stack == "encoder" ? new[] { "0.SelfAttention" } : ["0.SelfAttention",
                    "1.EncDecAttention"];
                foreach (var a in attentions)
                {
                    foreach (var w in new[] { "q", "k", "v" }) tensors.Add(($"{stack}.block.{i}.layer.{a}.{w}.weight",
                        [72, 40]));
                    tensors.Add(($"{stack}.block.{i}.layer.{a}.o.weight", [40, 72]));
                }
                var norms = stack == "encoder" ? 2 : 3;
                for (var l = 0; l < norms; l++) tensors.Add(($"{stack}.block.{i}.layer.{l}.layer_norm.weight", [40]));
                tensors.Add(($"{stack}.block.{i}.layer.{norms - 1}.DenseReluDense.wi.weight", [72, 40]));
                tensors.Add(($"{stack}.block.{i}.layer.{norms - 1}.DenseReluDense.wo.weight", [40, 72]));
            }
        }
        SyntheticModel.Write(dir.Path, config, tensors,
            (n, i) => n.Contains("layer_norm") ? 1 + SyntheticModel.Noise(n, i, 0.2f) : SyntheticModel.Noise(n, i,
                0.5f));

        using var model = (Mt5Model)LanguageModels.Load(dir.Path);
        model.Config.GatedFeedForward.Should().BeFalse();
        model.Config.Activation.Should().Be(FeedForwardActivation.Relu);
        long[][] inputs = [[5, 17, 33, 1],
            [40, 41, 42, 43, 44, 45, 46, 47, 48, 49, 50, 51, 52, 53, 54, 55, 56, 57, 58, 59, 60, 61, 1], [9, 1]];
        AssertBatchEqualsSingles(model, inputs, maxNewTokens: 8);

        // Cache versus recompute: the last step's logits from one teacher-forced pass over all decoder inputs.
        var generated = new GreedyGenerator(model).Generate([inputs[1]],
            new GenerationOptions(8, StopAtEos: false, KeepStepLogits: true));
        using var scope = torch.NewDisposeScope();
        using var batch = PaddedBatch.Right([inputs[1]], 0, torch.CPU);
        using var memory = model.Remember(model.Encode(batch.Ids, batch.Mask), batch.Mask);
        long[] decoderIds = [0, .. generated.Tokens[0][..^1]];
        using var cache = model.NewCache(1, decoderIds.Length);
        var logits = model.Decode(torch.tensor(decoderIds, [1, decoderIds.Length]), memory, cache);
        for (var step = 0; step < decoderIds.Length; step++)
            Tolerance.AssertClose(TensorData.Floats(logits.select(1, step)), generated.StepLogits[0][step],
                $"decoder position {step}");
    }

    [Fact]
    public void Bloom_with_six_heads_left_pads_and_caches_consistently()
    {
        using var dir = new TempDir();
        const int hidden = 48, vocab = 80, layers = 3;
        var config = new Dictionary<string, object>
        {
            ["model_type"] = "bloom", ["vocab_size"] = vocab, ["hidden_size"] = hidden, ["n_layer"] = layers,
            ["n_head"] = 6,
            ["layer_norm_epsilon"] = 1e-5, ["bos_token_id"] = 1, ["eos_token_id"] = 2, ["pad_token_id"] = 3,
        };
        var tensors = new List<(string, long[])> { ("transformer.word_embeddings.weight", [vocab, hidden]),
            ("transformer.word_embeddings_layernorm.weight", [hidden]),
                ("transformer.word_embeddings_layernorm.bias", [hidden]),
            ("transformer.ln_f.weight", [hidden]), ("transformer.ln_f.bias", [hidden]) };
        for (var i = 0; i < layers; i++)
        {
            var p = $"transformer.h.{i}.";
            tensors.AddRange([
                (p + "input_layernorm.weight", [hidden]), (p + "input_layernorm.bias", [hidden]),
                (p + "self_attention.query_key_value.weight", [3 * hidden, hidden]),
                    (p + "self_attention.query_key_value.bias", [3 * hidden]),
                (p + "self_attention.dense.weight", [hidden, hidden]), (p + "self_attention.dense.bias", [hidden]),
                (p + "post_attention_layernorm.weight", [hidden]), (p + "post_attention_layernorm.bias", [hidden]),
                (p + "mlp.dense_h_to_4h.weight", [4 * hidden, hidden]), (p + "mlp.dense_h_to_4h.bias", [4 * hidden]),
                (p + "mlp.dense_4h_to_h.weight", [hidden, 4 * hidden]), (p + "mlp.dense_4h_to_h.bias", [hidden])]);
        }
        SyntheticModel.Write(dir.Path, config, tensors,
            (n, i) => n.EndsWith("norm.weight", StringComparison.Ordinal)
                || n.EndsWith("ln_f.weight", StringComparison.Ordinal)
                ? 1 + SyntheticModel.Noise(n, i, 0.2f) : SyntheticModel.Noise(n, i, 0.3f));

        using var model = (BloomModel)LanguageModels.Load(dir.Path);
        model.Config.Heads.Should().Be(6);
        long[][] prompts = [[10, 11, 12], [20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32], [40]];
        AssertBatchEqualsSingles(model, prompts, maxNewTokens: 8);

        AssertCacheEqualsRecompute(model, prompts[1],
            (all, cache) => model.Forward(all, torch.ones(all.shape, torch.ScalarType.Int64), cache), model.NewCache);
    }

    [Theory]
    [InlineData(0f)]
    [InlineData(0.05f)]
    public void Llama_with_attention_and_mlp_bias_on_qwen2_weights_gives_qwen2_logits_when_the_extra_biases_are_zero(
        float extraBias)
    {
        // Qwen2 is Llama with q/k/v biases: as a Llama with attention_bias (q, k, v and o) and mlp_bias, its
        // weights plus zero o_proj and MLP biases are the same network, and nonzero ones must show.
        var source = SharedData.Reference("qwen2-tiny");
        using var dir = new TempDir();
        var config = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(source,
            "config.json")))!.AsObject();
        config["model_type"] = "llama";
        config["attention_bias"] = true;
        config["mlp_bias"] = true;
        Directory.CreateDirectory(dir.Path);
        File.WriteAllText(dir.File("config.json"), config.ToJsonString());
        using (var checkpoint = Checkpoint.Open(source))
        {
            var extra = Enumerable.Range(0, 2).SelectMany(i => new (string Name, long Rows)[]
            {
                ($"model.layers.{i}.self_attn.o_proj.bias", 64), ($"model.layers.{i}.mlp.gate_proj.bias", 128),
                ($"model.layers.{i}.mlp.up_proj.bias", 128), ($"model.layers.{i}.mlp.down_proj.bias", 64),
            }).Select(t => (ITensorSource)new BytesTensorSource(new TensorInfo(t.Name, Dtype.F32,
                new TensorShape([t.Rows])),
                Enumerable.Range(0,
                    (int)t.Rows).SelectMany(j => BitConverter.GetBytes(extraBias * SyntheticModel.Noise(t.Name, j,
                    1))).ToArray()));
            SafetensorsWriter.Write(dir.File("model.safetensors"),
                [.. checkpoint.Tensors.Keys.Select(n => (ITensorSource)new CheckpointTensorSource(checkpoint, n)),
                    .. extra]);
        }

        using var model = (LlamaModel)LanguageModels.Load(dir.Path);
        (model.Config.QueryKeyValueBias, model.Config.OutputBias, model.Config.MlpBias).Should().Be((true, true, true));
        var run = Support.ReferenceRun.Load("qwen2-tiny");
        var c = run.Cases[2];
        var result = new GreedyGenerator(model).Generate([c.InputIds],
            new GenerationOptions(run.MaxNewTokens, KeepStepLogits: true));
        if (extraBias == 0)
        {
            result.Tokens[0].Should().Equal(c.Generated);
            for (var step = 0; step < c.StepLogits.Count; step++)
                Tolerance.AssertClose(result.StepLogits[0][step], c.StepLogits[step], $"step {step}");
        }
        else
        {
            var act = () => Tolerance.AssertClose(result.StepLogits[0][0], c.StepLogits[0], "step 0");
            act.Should().Throw<Xunit.Sdk.XunitException>("the o_proj and MLP biases are part of the network");
        }
    }

    [Fact]
    public void Llama_with_six_heads_in_three_groups_and_its_own_head_dim_left_pads_and_caches_consistently()
    {
        using var dir = new TempDir();
        const int hidden = 40, vocab = 90, layers = 3, heads = 6, kvHeads = 3, headDim = 12, intermediate = 56;
        var config = new Dictionary<string, object>
        {
            ["model_type"] = "llama", ["vocab_size"] = vocab, ["hidden_size"] = hidden,
            ["intermediate_size"] = intermediate,
            ["num_hidden_layers"] = layers, ["num_attention_heads"] = heads, ["num_key_value_heads"] = kvHeads,
            ["head_dim"] = headDim,
            ["rms_norm_eps"] = 1e-5, ["rope_theta"] = 10000.0, ["tie_word_embeddings"] = false, ["bos_token_id"] = 1,
            ["eos_token_id"] = 2,
            ["rope_scaling"] = new Dictionary<string, object>
            {
                ["rope_type"] = "llama3", ["factor"] = 4.0, ["low_freq_factor"] = 1.0, ["high_freq_factor"] = 2.0,
                ["original_max_position_embeddings"] = 8,
            },
        };
        var tensors = new List<(string, long[])> { ("model.embed_tokens.weight", [vocab, hidden]),
            ("lm_head.weight", [vocab, hidden]),
            ("model.norm.weight", [hidden]) };
        for (var i = 0; i < layers; i++)
        {
            var p = $"model.layers.{i}.";
            tensors.AddRange([
                (p + "input_layernorm.weight", [hidden]), (p + "post_attention_layernorm.weight", [hidden]),
                (p + "self_attn.q_proj.weight", [heads * headDim, hidden]),
                    (p + "self_attn.k_proj.weight", [kvHeads * headDim, hidden]),
                (p + "self_attn.v_proj.weight", [kvHeads * headDim, hidden]),
                    (p + "self_attn.o_proj.weight", [hidden, heads * headDim]),
                (p + "mlp.gate_proj.weight", [intermediate, hidden]),
                    (p + "mlp.up_proj.weight", [intermediate, hidden]),
                (p + "mlp.down_proj.weight", [hidden, intermediate])]);
        }
        SyntheticModel.Write(dir.Path, config, tensors,
            (n, i) => n.EndsWith("norm.weight", StringComparison.Ordinal) ? 1 + SyntheticModel.Noise(n, i,
                0.2f) : SyntheticModel.Noise(n, i, 0.4f));

        using var model = (LlamaModel)LanguageModels.Load(dir.Path);
        model.Config.HeadDim.Should().Be(headDim);
        long[][] prompts = [[10, 11, 12], [20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36], [40]];
        AssertBatchEqualsSingles(model, prompts, maxNewTokens: 8);

        AssertCacheEqualsRecompute(model, prompts[1],
            (all, cache) => model.Forward(all, torch.ones(all.shape, torch.ScalarType.Int64), cache), model.NewCache);
    }

    /// <summary>
    /// A decoder-only model's cached generation against one pass over the prompt and all generated tokens but the last.
    /// </summary>
    private static void AssertCacheEqualsRecompute(ILanguageModel model, long[] prompt,
        Func<torch.Tensor, KvCache, torch.Tensor> forward, Func<long, long, KvCache> newCache)
    {
        var generated = new GreedyGenerator(model).Generate([prompt],
            new GenerationOptions(8, StopAtEos: false, KeepStepLogits: true));
        long[] all = [.. prompt, .. generated.Tokens[0][..^1]];
        using var scope = torch.NewDisposeScope();
        using var cache = newCache(1, all.Length);
        var logits = forward(torch.tensor(all, [1, all.Length]), cache);
        for (var step = 0; step < generated.StepLogits[0].Count; step++)
            Tolerance.AssertClose(TensorData.Floats(logits.select(1, prompt.Length - 1 + step)),
                generated.StepLogits[0][step], $"step {step}");
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
                Tolerance.AssertClose(batched.StepLogits[i][step], single.StepLogits[0][step],
                    $"sequence {i} step {step}");
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
