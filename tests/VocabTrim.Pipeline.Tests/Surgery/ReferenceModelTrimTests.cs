using System.Buffers.Binary;
using System.Text.Json;
using System.Text.Json.Nodes;
using VocabTrim.Checkpoints;
using VocabTrim.Common;
using VocabTrim.Inference;
using VocabTrim.Inference.Generation;
using VocabTrim.Pipeline.Tests.Support;
using VocabTrim.Selection;
using VocabTrim.Surgery;
using VocabTrim.TestSupport;
using VocabTrim.Tokenizers.SentencePiece;

namespace VocabTrim.Pipeline.Tests.Surgery;

/// <summary>The acceptance checks on the shared tiny checkpoints, from both weight formats.</summary>
public class ReferenceModelTrimTests
{
    public static TheoryData<string, string> Routes => new()
    {
        { "mt5-tiny", ModelFolder.Safetensors },
        { "mt5-tiny", ModelFolder.Pickle },
        { "bloom-tiny", ModelFolder.Safetensors },
        { "bloom-tiny", ModelFolder.Pickle },
        { "llama-tiny", ModelFolder.Safetensors },
        { "llama-tiny", ModelFolder.Pickle },
        { "qwen2-tiny", ModelFolder.Safetensors },
        { "qwen2-tiny", ModelFolder.Pickle },
    };

    // The vocabulary-sized tensors the Hugging Face safetensors files hold (tied duplicates already dropped).
    private static readonly Dictionary<string, string[]> Vocabulary = new()
    {
        ["mt5-tiny"] = ["shared.weight", "lm_head.weight"],
        ["bloom-tiny"] = ["transformer.word_embeddings.weight"],
        ["llama-tiny"] = ["model.embed_tokens.weight"],
        ["qwen2-tiny"] = ["model.embed_tokens.weight", "lm_head.weight"],
    };

    [Theory]
    [MemberData(nameof(Routes))]
    public void Kept_rows_are_bit_identical_and_everything_else_byte_identical(string reference, string weights)
    {
        using var dir = new TempDir();
        var kept = KeepListFile.Read(ModelFolder.KeptList(reference)).Ids;

        var report = ModelTrimmer.Trim(
            ModelFolder.Linked(dir, reference, weights), ModelFolder.KeptList(reference), dir.File("out"));

        using var original = Checkpoint.Open(Path.Combine(SharedData.Reference(reference), ModelFolder.Safetensors));
        using var trimmed = Checkpoint.Open(dir.File("out"));
        trimmed.Tensors.Keys.Should().BeEquivalentTo(
            original.Tensors.Keys, "transformers must find every key it found before");
        foreach (var (name, info) in original.Tensors)
        {
            if (Vocabulary[reference].Contains(name))
            {
                trimmed.Tensors[name].Should().Be(info with { Shape = info.Shape.WithRows(kept.Count) });
                for (var i = 0; i < kept.Count; i++)
                    trimmed.ReadRows(name, i, 1).Should().Equal(
                        original.ReadRows(name, kept[i], 1), $"{name} row {i} is old row {kept[i]}");
            }
            else
            {
                trimmed.Tensors[name].Should().Be(info);
                trimmed.ReadTensor(name).Should().Equal(original.ReadTensor(name), name);
            }
        }
        report.Kept.Should().Be(kept.Count);
        report.RowsAfter.Should().Be(kept.Count);
        report.ParametersAfter.Should().Be(
            report.ParametersBefore - (1024L - kept.Count) * 64 * Vocabulary[reference].Length);
    }

    [Theory]
    [MemberData(nameof(Routes))]
    public void Config_ids_are_those_the_trim_check_expects(string reference, string weights)
    {
        using var dir = new TempDir();
        var kept = KeepListFile.Read(ModelFolder.KeptList(reference)).Ids;
        var check = JsonNode.Parse(
            File.ReadAllText(Path.Combine(SharedData.Reference(reference), $"{reference}.trimcheck.json")))!;
        var expected = check["trimmed_special_ids"]!.AsObject();

        ModelTrimmer.Trim(
            ModelFolder.Linked(dir, reference, weights), ModelFolder.KeptList(reference), dir.File("out"));

        foreach (var file in new[] { "config.json", "generation_config.json" })
        {
            var json = JsonNode.Parse(File.ReadAllText(dir.File($"out/{file}")))!;
            foreach (var (key, value) in expected)
                json[key]!.GetValue<int>().Should().Be(value!.GetValue<int>(), $"{file} {key}");
        }
        var config = JsonNode.Parse(File.ReadAllText(dir.File("out/config.json")))!.AsObject();
        config["vocab_size"]!.GetValue<int>().Should().Be(kept.Count);
        var originalConfig = JsonNode.Parse(
            File.ReadAllText(Path.Combine(SharedData.Reference(reference), "config.json")))!.AsObject();
        config.Select(p => p.Key).Should().Equal(
            originalConfig.Select(p => p.Key), "other settings pass through in order");
        foreach (var (key, value) in originalConfig.Where(p => p.Key != "vocab_size" && !expected.ContainsKey(p.Key)))
            JsonNode.DeepEquals(config[key], value).Should().BeTrue(key);
    }

    [Theory]
    [InlineData("mt5-tiny")]
    [InlineData("bloom-tiny")]
    [InlineData("llama-tiny")]
    [InlineData("qwen2-tiny")]
    public void The_pickle_and_safetensors_routes_write_identical_files(string reference)
    {
        using var dir = new TempDir();
        ModelTrimmer.Trim(
            ModelFolder.Linked(dir, reference, ModelFolder.Safetensors), ModelFolder.KeptList(reference),
            dir.File("a"));
        ModelTrimmer.Trim(
            ModelFolder.Linked(dir, reference, ModelFolder.Pickle), ModelFolder.KeptList(reference), dir.File("b"));

        var names = Directory.GetFiles(dir.File("a")).Select(Path.GetFileName).ToList();
        Directory.GetFiles(dir.File("b")).Select(Path.GetFileName).Should().BeEquivalentTo(names);
        names.Should().Contain(["model.safetensors", "config.json", "generation_config.json", TrimManifest.FileName]);
        foreach (var name in names.Where(n => n != TrimManifest.FileName))
            File.ReadAllBytes(dir.File($"b/{name}")).Should().Equal(File.ReadAllBytes(dir.File($"a/{name}")), name);
        // vocabtrim.json differs only where it describes the source files.
        var a = JsonNode.Parse(File.ReadAllText(dir.File($"a/{TrimManifest.FileName}")))!.AsObject();
        var b = JsonNode.Parse(File.ReadAllText(dir.File($"b/{TrimManifest.FileName}")))!.AsObject();
        a["source"]!["files"]!.AsObject().Should().ContainKey(ModelFolder.Safetensors);
        b["source"]!["files"]!.AsObject().Should().ContainKey(ModelFolder.Pickle);
        a["weight_bytes"]!["before"]!.GetValue<long>().Should().Be(
            new FileInfo(Path.Combine(SharedData.Reference(reference), ModelFolder.Safetensors)).Length);
        b["weight_bytes"]!["before"]!.GetValue<long>().Should().Be(
            new FileInfo(Path.Combine(SharedData.Reference(reference), ModelFolder.Pickle)).Length);
        foreach (var manifest in new[] { a, b })
        {
            manifest.Remove("source");
            manifest["weight_bytes"]!.AsObject().Remove("before");
        }
        JsonNode.DeepEquals(a, b).Should().BeTrue($"{a.ToJsonString()}\n{b.ToJsonString()}");
    }

    [Theory]
    [InlineData("llama-tiny", true)]
    [InlineData("qwen2-tiny", false)]
    public void A_trimmed_llama_family_model_gives_the_original_logits_restricted_to_the_kept_ids(
        string reference, bool tied)
    {
        using var dir = new TempDir();
        var kept = KeepListFile.Read(ModelFolder.KeptList(reference)).Ids;
        var check = JsonNode.Parse(
            File.ReadAllText(Path.Combine(SharedData.Reference(reference), $"{reference}.trimcheck.json")))!;

        ModelTrimmer.Trim(
            ModelFolder.Linked(dir, reference, ModelFolder.Safetensors), ModelFolder.KeptList(reference),
            dir.File("out"));

        // Tied stays tied: no head is written, and config.json still says so.
        using (var written = Checkpoint.Open(dir.File("out")))
            written.Tensors.ContainsKey("lm_head.weight").Should().Be(!tied);
        JsonNode.Parse(File.ReadAllText(dir.File("out/config.json")))!["tie_word_embeddings"]!.GetValue<bool>()
            .Should().Be(tied);

        using var original = LanguageModels.Load(SharedData.Reference(reference));
        using var slim = LanguageModels.Load(dir.File("out"));
        slim.VocabularySize.Should().Be(kept.Count);
        var options = new GenerationOptions(10, StopAtEos: false, KeepStepLogits: true);
        foreach (var (c, index) in check["cases"]!.AsArray().Select((c, i) => (c!, i)))
        {
            var oldIds = c["input_ids"]!.AsArray().Select(n => n!.GetValue<long>()).ToArray();
            var newIds = c["trimmed_input_ids"]!.AsArray().Select(n => n!.GetValue<long>()).ToArray();
            newIds.Should().Equal(
                oldIds.Select(id => (long)kept.ToList().IndexOf((int)id)),
                "the trim check's inputs are the kept rows' new ids");
            var result = new GreedyGenerator(slim).Generate([newIds], options);
            result.Tokens[0].Select(id => (long)kept[(int)id]).Should().Equal(
                c["original_restricted_greedy"]!.AsArray().Select(n => n!.GetValue<long>()),
                $"case {index}: greedy ids, as old ids");

            // The original driven along the slim model's tokens: at every step its logits at the kept ids.
            using var state = original.Start([oldIds], 10);
            for (var step = 0; step < result.Tokens[0].Length; step++)
            {
                var full = state.Logits.cpu().data<float>().ToArray();
                var slimStep = result.StepLogits[0][step];
                for (var i = 0; i < kept.Count; i++)
                    ((double)Math.Abs(slimStep[i] - full[kept[i]])).Should().BeLessThanOrEqualTo(
                        1e-5 + 1e-5 * Math.Abs(full[kept[i]]), $"case {index} step {step} new id {i}");
                if (step < result.Tokens[0].Length - 1)
                    state.Append(TorchSharp.torch.tensor(new[] { (long)kept[(int)result.Tokens[0][step]] }));
            }
        }
    }

    [Fact]
    public void The_output_safetensors_says_format_pt_and_the_pickle_route_drops_tied_duplicates()
    {
        using var dir = new TempDir();

        var report = ModelTrimmer.Trim(
            ModelFolder.Linked(dir, "bloom-tiny", ModelFolder.Pickle), ModelFolder.KeptList("bloom-tiny"),
            dir.File("out"));

        var file = File.ReadAllBytes(dir.File("out/model.safetensors"));
        var header = JsonNode.Parse(file.AsSpan(8, (int)BinaryPrimitives.ReadUInt64LittleEndian(file)).ToArray())!;
        JsonNode.DeepEquals(header["__metadata__"], JsonNode.Parse("""{"format":"pt"}""")).Should().BeTrue();
        report.Tensors.Single(t => t.Name == "lm_head.weight").Should().Match<PlannedTensor>(t =>
            t.Action == TensorAction.Drop && t.Reason!.Contains("transformer.word_embeddings.weight"));
    }

    [Fact]
    public void The_mt5_tokenizer_is_trimmed_with_placeholders_for_kept_padding_rows()
    {
        using var dir = new TempDir();
        var keep = KeepListFile.Read(ModelFolder.KeptList("mt5-tiny"));

        var report = ModelTrimmer.Trim(
            ModelFolder.Linked(dir, "mt5-tiny", ModelFolder.Safetensors), ModelFolder.KeptList("mt5-tiny"),
            dir.File("out"));

        File.ReadAllBytes(dir.File("out/spiece.model")).Should().Equal(
            SentencePieceTrimmer.Trim(
                SentencePieceModel.Load(SharedData.Mt5TinySpiece), keep.Ids, keep.TokenizerSha256).Model.ToBytes());
        report.PlaceholderIds.Should().Equal(keep.Ids.Where(id => id >= 1000));
        report.PlaceholderIds.Should().HaveCount(6);
        // The reference SentencePiece loads it, and the ids it gives are rows of the trimmed embedding.
        var ids = ReferenceSentencePiece.EncodeLines(dir.File("out/spiece.model"), ["the cat sat"]).Single();
        ids.Should().NotBeEmpty().And.OnlyContain(id => id >= 0 && id < keep.Ids.Count);
    }

    [Fact]
    public void Vocabtrim_json_records_the_sources_the_keep_list_and_the_sizes()
    {
        using var dir = new TempDir();

        var report = ModelTrimmer.Trim(
            ModelFolder.Linked(dir, "mt5-tiny", ModelFolder.Pickle), ModelFolder.KeptList("mt5-tiny"), dir.File("out"));

        var manifest = JsonNode.Parse(File.ReadAllText(dir.File("out/vocabtrim.json")))!;
        var files = manifest["source"]!["files"]!.AsObject();
        files.Select(f => f.Key).Should().BeEquivalentTo(
            "pytorch_model.bin", "config.json", "generation_config.json", "spiece.model");
        files["spiece.model"]!["sha256"]!.GetValue<string>().Should().Be(
            "6503de88105affa8185022b68f6ca7743992df3324e5b9e82289e3cf72195850");
        files["pytorch_model.bin"]!["sha256"]!.GetValue<string>().Should().Be(
            "a417f00175c044460de30223b4250bdd57504681a02b167f6be651b81572d580");
        manifest["keep_list"]!["sha256"]!.GetValue<string>().Should().Be(
            Convert.ToHexStringLower(
                System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(ModelFolder.KeptList("mt5-tiny")))));
        manifest["parameters"]!["before"]!.GetValue<long>().Should().Be(
            328_704, "make_tiny_check.json's num_parameters; tied copies count once");
        manifest["parameters"]!["after"]!.GetValue<long>().Should().Be(328_704 - 2 * (1024 - 373) * 64);
        manifest["weight_bytes"]!["before"]!.GetValue<long>().Should().Be(
            new FileInfo(Path.Combine(SharedData.Reference("mt5-tiny"), "pytorch_model.bin")).Length);
        manifest["weight_bytes"]!["after"]!.GetValue<long>().Should().Be(
            new FileInfo(dir.File("out/model.safetensors")).Length);
        manifest["tool_version"]!.GetValue<string>().Should().Be(ToolVersion.Current);
        manifest["source"]!["tied_duplicates_dropped"]!.AsObject().Select(d => d.Key).Should().BeEquivalentTo(
            "encoder.embed_tokens.weight", "decoder.embed_tokens.weight");
        report.Tensors.Should().HaveCount(54);
    }
}
