using System.Text.Json.Nodes;
using VocabTrim.Checkpoints;
using VocabTrim.Checkpoints.Safetensors;
using VocabTrim.Pipeline.Tests.Support;
using VocabTrim.Selection;
using VocabTrim.Surgery;
using VocabTrim.TestSupport;

namespace VocabTrim.Pipeline.Tests.Surgery;

/// <summary>
/// ModelTrimmer beyond the reference layouts: padding, sharding, reordered special ids, biases, aliases.
/// </summary>
public class ModelTrimmerTests
{
    private static IReadOnlyList<int> Kept(string reference) => KeepListFile.Read(ModelFolder.KeptList(reference)).Ids;

    [Fact]
    public void Pad_to_multiple_appends_zero_rows_and_sets_vocab_size()
    {
        using var dir = new TempDir();
        var kept = Kept("bloom-tiny");

        var report = ModelTrimmer.Trim(
            ModelFolder.Linked(dir, "bloom-tiny", ModelFolder.Safetensors), ModelFolder.KeptList("bloom-tiny"),
            dir.File("out"), new ModelTrimOptions { PadToMultiple = 64 });

        report.RowsAfter.Should().Be(384);
        report.PaddingRowsAdded.Should().Be(384 - kept.Count);
        using var original = Checkpoint.Open(Path.Combine(SharedData.Reference("bloom-tiny"), ModelFolder.Safetensors));
        using var trimmed = Checkpoint.Open(dir.File("out"));
        const string name = "transformer.word_embeddings.weight";
        trimmed.Tensors[name].Shape.Should().Equal(384, 64);
        trimmed.ReadRows(name, 0, kept.Count).Should().Equal(
            original.GatherRows(name, kept.Select(i => (long)i).ToArray()));
        trimmed.ReadRows(name, kept.Count, 384 - kept.Count).Should().OnlyContain(b => b == 0);
        JsonNode.Parse(File.ReadAllText(dir.File("out/config.json")))!["vocab_size"]!.GetValue<int>().Should().Be(384);
    }

    [Fact]
    public void A_small_max_shard_size_writes_shards_and_an_index_with_the_same_tensors()
    {
        using var dir = new TempDir();
        var folder = ModelFolder.Linked(dir, "mt5-tiny", ModelFolder.Safetensors);
        ModelTrimmer.Trim(folder, ModelFolder.KeptList("mt5-tiny"), dir.File("single"));

        var report = ModelTrimmer.Trim(
            folder, ModelFolder.KeptList("mt5-tiny"), dir.File("sharded"),
            new ModelTrimOptions { MaxShardBytes = 200_000 });

        report.WeightFiles.Should().HaveCountGreaterThan(2).And.Contain("model.safetensors.index.json");
        File.Exists(dir.File("sharded/model.safetensors")).Should().BeFalse();
        using var single = Checkpoint.Open(dir.File("single"));
        using var sharded = Checkpoint.Open(dir.File("sharded"));
        sharded.Tensors.Should().BeEquivalentTo(single.Tensors);
        foreach (var name in single.Tensors.Keys)
            sharded.ReadTensor(name).Should().Equal(single.ReadTensor(name), name);
    }

    [Fact]
    public void Reordered_special_ids_move_in_config_generation_config_and_tokenizer_config()
    {
        using var dir = new TempDir();
        var folder = ModelFolder.Linked(dir, "mt5-tiny", ModelFolder.Safetensors);
        File.WriteAllText(Path.Combine(folder, "tokenizer_config.json"), """
            {"added_tokens_decoder": {"0": {"content": "<pad>", "special": true},
                                      "1": {"content": "</s>", "special": true},
                                      "2": {"content": "<unk>", "special": true}}, "eos_token": "</s>", "extra_ids": 0,
             "additional_special_tokens": ["<unk>", "<not_a_piece>"], "tokenizer_class": "T5Tokenizer"}
            """);
        // eos first, pad second: new id 0 is old 1 (</s>), new id 1 is old 0 (<pad>).
        var kept = Kept("mt5-tiny").ToList();
        (kept[0], kept[1]) = (kept[1], kept[0]);

        var report = ModelTrimmer.Trim(folder, new KeepList(kept, null), dir.File("out"));

        var config = JsonNode.Parse(File.ReadAllText(dir.File("out/config.json")))!;
        var generation = JsonNode.Parse(File.ReadAllText(dir.File("out/generation_config.json")))!;
        foreach (var json in new[] { config, generation })
        {
            json["pad_token_id"]!.GetValue<int>().Should().Be(1);
            json["decoder_start_token_id"]!.GetValue<int>().Should().Be(1);
            json["eos_token_id"]!.GetValue<int>().Should().Be(0);
        }
        var tokenizerConfig = JsonNode.Parse(File.ReadAllText(dir.File("out/tokenizer_config.json")))!;
        tokenizerConfig["added_tokens_decoder"]!["0"]!["content"]!.GetValue<string>().Should().Be("</s>");
        tokenizerConfig["added_tokens_decoder"]!["1"]!["content"]!.GetValue<string>().Should().Be("<pad>");
        tokenizerConfig["additional_special_tokens"]!.AsArray().Select(t => t!.GetValue<string>()).Should()
            .Equal("<unk>");
        report.Notes.Should().Contain("config.json: eos_token_id 1 → 0").And.Contain(
            n => n.Contains("'<not_a_piece>'"));
        using var original = Checkpoint.Open(Path.Combine(SharedData.Reference("mt5-tiny"), ModelFolder.Safetensors));
        using var trimmed = Checkpoint.Open(dir.File("out"));
        trimmed.ReadRows("lm_head.weight", 0, 1).Should().Equal(original.ReadRows("lm_head.weight", 1, 1));
    }

    [Fact]
    public void A_final_logits_bias_is_sliced_and_an_alias_stands_in_for_a_missing_shared_weight()
    {
        using var dir = new TempDir();
        var folder = ModelFolder.Linked(dir, "mt5-tiny", null);
        var bias = new TensorInfo("final_logits_bias", Dtype.F32, new TensorShape(1, 1024));
        var biasBytes = new byte[bias.ByteLength];
        for (var i = 0; i < 1024; i++) BitConverter.TryWriteBytes(biasBytes.AsSpan(i * 4), (float)i);
        using (var original = Checkpoint.Open(Path.Combine(SharedData.Reference("mt5-tiny"), ModelFolder.Safetensors)))
        {
            SafetensorsWriter.Write(Path.Combine(folder, ModelFolder.Safetensors),
            [
                .. original.Tensors.Keys.Select(
                    n => new CheckpointTensorSource(
                        original, n, n == "shared.weight" ? "encoder.embed_tokens.weight" : null)),
                new BytesTensorSource(bias, biasBytes),
            ]);
        }
        var kept = Kept("mt5-tiny");

        var report = ModelTrimmer.Trim(
            folder, ModelFolder.KeptList("mt5-tiny"), dir.File("out"), new ModelTrimOptions { PadToMultiple = 8 });

        using var trimmed = Checkpoint.Open(dir.File("out"));
        trimmed.Tensors.Keys.Should().Contain("shared.weight").And.NotContain("encoder.embed_tokens.weight");
        trimmed.Tensors["final_logits_bias"].Shape.Should().Equal(1, 376);
        var values = trimmed.ReadTensor("final_logits_bias").Chunk(4).Select(b => BitConverter.ToSingle(b)).ToList();
        values.Take(kept.Count).Should().Equal(kept.Select(i => (float)i));
        values.Skip(kept.Count).Should().Equal(0f, 0f, 0f);
        report.Tensors.Single(t => t.Name == "encoder.embed_tokens.weight").OutputName.Should().Be("shared.weight");
    }

    [Fact]
    public void A_bare_bloom_model_without_the_transformer_prefix_is_sliced_too()
    {
        using var dir = new TempDir();
        var folder = ModelFolder.Linked(dir, "bloom-tiny", null);
        using (var original = Checkpoint.Open(
            Path.Combine(SharedData.Reference("bloom-tiny"), ModelFolder.Safetensors)))
            SafetensorsWriter.Write(Path.Combine(folder, ModelFolder.Safetensors),
                original.Tensors.Keys.Select(n => new CheckpointTensorSource(original, n, n["transformer.".Length..])));

        ModelTrimmer.Trim(folder, ModelFolder.KeptList("bloom-tiny"), dir.File("out"));

        using var trimmed = Checkpoint.Open(dir.File("out"));
        trimmed.Tensors["word_embeddings.weight"].Shape.Should().Equal(Kept("bloom-tiny").Count, 64);
    }

    [Fact]
    public void A_sharded_input_gives_the_same_files_as_the_single_file()
    {
        using var dir = new TempDir();
        var folder = ModelFolder.Linked(dir, "mt5-tiny", null);
        using (var original = Checkpoint.Open(Path.Combine(SharedData.Reference("mt5-tiny"), ModelFolder.Safetensors)))
            VocabTrim.Checkpoints.Sharding.ShardedSafetensorsWriter.Write(folder,
                original.Tensors.Keys.Select(n => new CheckpointTensorSource(original, n)), maxShardBytes: 300_000);
        File.Exists(Path.Combine(folder, "model.safetensors.index.json")).Should().BeTrue();

        var report = ModelTrimmer.Trim(folder, ModelFolder.KeptList("mt5-tiny"), dir.File("from-shards"));
        ModelTrimmer.Trim(
            ModelFolder.Linked(dir, "mt5-tiny", ModelFolder.Safetensors), ModelFolder.KeptList("mt5-tiny"),
            dir.File("from-one"));

        File.ReadAllBytes(dir.File("from-shards/model.safetensors")).Should().Equal(
            File.ReadAllBytes(dir.File("from-one/model.safetensors")));
        var sources = JsonNode.Parse(
            File.ReadAllText(dir.File("from-shards/vocabtrim.json")))!["source"]!["files"]!.AsObject();
        sources.Select(f => f.Key).Should().Contain("model.safetensors.index.json").And.Contain(
            k => k.StartsWith("model-00001-of-"));
        report.BytesBefore.Should().Be(Directory.GetFiles(folder, "model*").Sum(f => new FileInfo(f).Length));
    }
}
