using System.Text.Json.Nodes;
using TorchSharp;
using VocabTrim.Inference.Llama;
using VocabTrim.TestSupport;

namespace VocabTrim.Inference.Tests;

/// <summary>What the Llama family reads from config.json, and the rotary frequencies it derives.</summary>
public class LlamaConfigTests
{
    private static ModelConfigJson Config(string reference, Action<JsonObject> edit)
    {
        var json = JsonNode.Parse(File.ReadAllText(Path.Combine(SharedData.Reference(reference),
            "config.json")))!.AsObject();
        edit(json);
        return ModelConfigJson.Parse(json.ToJsonString(), "test/config.json");
    }

    [Fact]
    public void The_fixtures_configs_read_as_the_shared_readme_describes_them()
    {
        var llama = LlamaConfig.From(ModelConfigJson.LoadFolder(SharedData.Reference("llama-tiny")));
        llama.Should().BeEquivalentTo(new
        {
            ModelType = "llama", VocabSize = 1024, HiddenSize = 64, IntermediateSize = 128, Layers = 2, Heads = 4,
            KeyValueHeads = 2,
            HeadDim = 16, RmsNormEpsilon = 1e-6, RopeTheta = 500000.0, QueryKeyValueBias = false, OutputBias = false,
            MlpBias = false,
            TieWordEmbeddings = true, EosTokenId = 2L, PadTokenId = 2L,
        });
        llama.RopeScaling.Should().Be(new RopeScaling(8.0, 1.0, 4.0, 64));

        var qwen = LlamaConfig.From(ModelConfigJson.LoadFolder(SharedData.Reference("qwen2-tiny")));
        // Qwen2 has no attention_bias key: its q, k and v projections always carry biases, o_proj and the MLP none.
        qwen.Should().BeEquivalentTo(new
        {
            ModelType = "qwen2", KeyValueHeads = 1, HeadDim = 16, RopeTheta = 1000000.0,
            RopeScaling = (RopeScaling?)null,
            QueryKeyValueBias = true, OutputBias = false, MlpBias = false, TieWordEmbeddings = false, EosTokenId = 2L,
            PadTokenId = 2L,
        });
    }

    [Fact]
    public void Head_dim_falls_back_to_hidden_over_heads_and_llama_attention_bias_covers_o_proj()
    {
        var config = LlamaConfig.From(Config("llama-tiny", j =>
        {
            j.Remove("head_dim");
            j["hidden_size"] = 96;
            j["attention_bias"] = true;
            j.Remove("num_key_value_heads");
        }));
        config.HeadDim.Should().Be(24);
        config.KeyValueHeads.Should().Be(4, "transformers' default: one key/value head per query head");
        (config.QueryKeyValueBias, config.OutputBias).Should().Be((true, true));
    }

    [Theory]
    [InlineData("""{"rope_type": "default"}""")]
    [InlineData("null")]
    public void Default_rope_scaling_means_none(string scaling)
    {
        LlamaConfig.From(Config("llama-tiny",
            j => j["rope_scaling"] = JsonNode.Parse(scaling))).RopeScaling.Should().BeNull();
        LlamaConfig.From(Config("llama-tiny", j => j.Remove("rope_scaling"))).RopeScaling.Should().BeNull();
    }

    [Fact]
    public void The_legacy_type_key_names_llama3_scaling_too()
    {
        var config = LlamaConfig.From(Config("llama-tiny", j =>
        {
            var scaling = j["rope_scaling"]!.AsObject();
            scaling.Remove("rope_type");
            scaling["type"] = "llama3";
        }));
        config.RopeScaling.Should().Be(new RopeScaling(8.0, 1.0, 4.0, 64));
    }

    [Theory]
    [InlineData("yarn")]
    [InlineData("linear")]
    [InlineData("dynamic")]
    public void Other_rope_scaling_types_are_refused_in_one_line_naming_the_key(string type)
    {
        var act = () => LlamaConfig.From(Config("llama-tiny", j => j["rope_scaling"]!["rope_type"] = type));
        var message = act.Should().Throw<Exception>().Which.Message;
        message.Should().StartWith("test/config.json: rope_scaling").And.Contain($"rope_type '{type}' is not " +
            "supported (default and llama3 are)");
        message.Should().NotContain("\n");
    }

    [Fact]
    public void A_llama3_scaling_without_its_factor_names_the_missing_key()
    {
        var act = () => LlamaConfig.From(Config("llama-tiny", j => j["rope_scaling"]!.AsObject().Remove("factor")));
        act.Should().Throw<Exception>().Which.Message.Should().StartWith("test/config.json: rope_scaling")
            .And.Contain("factor").And.Contain("missing");
    }

    [Theory]
    [InlineData("hidden_act", "\"gelu\"", "hidden_act 'gelu' is not supported")]
    [InlineData("partial_rotary_factor", "0.5", "partial_rotary_factor other than 1 is not supported")]
    [InlineData("num_key_value_heads", "3", "num_attention_heads 4 is not a multiple of num_key_value_heads 3")]
    public void Networks_this_core_would_compute_wrongly_are_refused(string key, string value, string message)
    {
        var act = () => LlamaConfig.From(Config("llama-tiny", j => j[key] = JsonNode.Parse(value)));
        act.Should().Throw<Exception>().Which.Message.Should().Contain(message).And.StartWith("test/config.json: ");
        var window = () => LlamaConfig.From(Config("qwen2-tiny", j => j["use_sliding_window"] = true));
        window.Should().Throw<Exception>().WithMessage("test/config.json: *use_sliding_window*");
    }

    [Fact]
    public void Llama3_scaling_keeps_short_wavelengths_divides_long_ones_and_blends_between()
    {
        // llama-tiny: head_dim 16, theta 500000, original context 64: wavelengths 2π/θ_i are 6.3 (< 64/4: kept),
        // 32.4 (between 16 and 64: blended) and 167 and up (> 64/1: divided by 8).
        var scaling = new RopeScaling(8.0, 1.0, 4.0, 64);
        using var plain = RotaryEmbedding.InverseFrequencies(16, 500000, null, torch.ScalarType.Float64, torch.CPU);
        using var scaled = RotaryEmbedding.InverseFrequencies(16, 500000, scaling, torch.ScalarType.Float64, torch.CPU);
        var p = plain.data<double>().ToArray();
        var s = scaled.data<double>().ToArray();
        for (var i = 0; i < 8; i++) p[i].Should().BeApproximately(Math.Pow(500000, -2.0 * i / 16),
            1e-15 * p[i] + 1e-300, $"θ_{i}");
        s[0].Should().Be(p[0]);
        var smooth = (64 / (2 * Math.PI / p[1]) - 1.0) / (4.0 - 1.0);
        s[1].Should().BeApproximately((1 - smooth) * p[1] / 8 + smooth * p[1], 1e-15);
        smooth.Should().BeInRange(0.3, 0.35, "a real blend, not one end of it: (64 / 32.4 − 1) / 3");
        for (var i = 2; i < 8; i++) s[i].Should().BeApproximately(p[i] / 8, 1e-18, $"θ_{i}");

        // In float32 the same values, rounded as transformers rounds them.
        using var single = RotaryEmbedding.InverseFrequencies(16, 500000, scaling, torch.ScalarType.Float32, torch.CPU);
        var f = single.data<float>().ToArray();
        for (var i = 0; i < 8; i++) ((double)f[i]).Should().BeApproximately(s[i], 4e-7 * s[i], $"θ_{i} in float32");
    }
}
