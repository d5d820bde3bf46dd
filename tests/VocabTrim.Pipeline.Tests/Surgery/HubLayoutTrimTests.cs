using VocabTrim.Checkpoints;
using VocabTrim.Checkpoints.Sharding;
using VocabTrim.Pipeline.Tests.Support;
using VocabTrim.Surgery;
using VocabTrim.Synthetic;
using VocabTrim.TestSupport;

namespace VocabTrim.Pipeline.Tests.Surgery;

/// <summary>
/// <c>trim --model</c> on every layout the hub's seed models use, made from the shared reference weights: sharded
/// pickles with an index (mt0-xxl, bloomz-7b1, fp16), sharded bf16 safetensors (bloomz-176B), BigScience's bare
/// BLOOM names, tied weights as pickle aliases. Whatever the layout, the trimmed tensors are the same bytes as
/// trimming one model.safetensors of the same weights, and the output is sharded by the maximum shard size.
/// </summary>
public class HubLayoutTrimTests
{
    public static TheoryData<string, string> Layouts() => new()
    {
        { "mt5-tiny", "pickle, 3 shards, tied embed_tokens aliases" },
        { "mt5-tiny", "safetensors, 4 shards, bf16" },
        { "mt5-tiny", "pickle, one file, fp16" },
        { "bloom-tiny", "pickle, 2 shards, fp16, BigScience names" },
        { "bloom-tiny", "pickle, one file, lm_head alias" },
        { "bloom-tiny", "safetensors, 4 shards, bf16, BigScience names" },
    };

    internal static HubLayout Layout(string description) => description switch
    {
        "pickle, 3 shards, tied embed_tokens aliases" =>
            new(CheckpointFormat.PyTorchPickle, Shards: 3, TiedAliases: true),
        "safetensors, 4 shards, bf16" => new(CheckpointFormat.Safetensors, Dtype.BF16, Shards: 4),
        "pickle, one file, fp16" => new(CheckpointFormat.PyTorchPickle, Dtype.F16, Shards: 1),
        "pickle, 2 shards, fp16, BigScience names" => HubLayout.Bloomz7b1,
        "pickle, one file, lm_head alias" => new(CheckpointFormat.PyTorchPickle, Shards: 1, TiedAliases: true),
        "safetensors, 4 shards, bf16, BigScience names" => HubLayout.Bloomz176bSlice,
        _ => throw new ArgumentOutOfRangeException(nameof(description)),
    };

    /// <summary>
    /// The reference model's configs (and tokenizer) with its weights re-laid in <paramref name="layout"/>.
    /// </summary>
    internal static string Write(TempDir dir, string reference, HubLayout layout, string name)
    {
        var folder = ModelFolder.Linked(dir, reference, weights: null, name);
        using var source = Checkpoint.Open(SharedData.Reference(reference));
        layout.Write(folder, source.Tensors.Keys.Select(n => new CheckpointTensorSource(source, n)));
        return folder;
    }

    [Theory]
    [MemberData(nameof(Layouts))]
    public void Every_layout_trims_to_the_same_tensors_as_one_safetensors_file_and_is_sharded_on_output(
        string reference, string description)
    {
        using var dir = new TempDir();
        var layout = Layout(description);
        var laid = Write(dir, reference, layout, "laid");
        var plain = Write(
            dir, reference, new HubLayout(CheckpointFormat.Safetensors, layout.Dtype, Shards: 1), "plain");
        const long maxShard = 150_000;

        var report = ModelTrimmer.Trim(
            laid, ModelFolder.KeptList(reference), dir.File("out-laid"),
            new ModelTrimOptions { MaxShardBytes = maxShard });
        ModelTrimmer.Trim(
            plain, ModelFolder.KeptList(reference), dir.File("out-plain"),
            new ModelTrimOptions { MaxShardBytes = maxShard });

        report.WeightFiles.Should().Contain("model.safetensors.index.json").And.HaveCountGreaterThan(2);
        using var expected = Checkpoint.Open(dir.File("out-plain"));
        using var actual = Checkpoint.Open(dir.File("out-laid"));
        var bare = layout.BareBloomNames ? "transformer." : "";
        actual.Tensors.Keys.Select(
            n => n.StartsWith("h.") || n.StartsWith("ln_f") || n.StartsWith("word_embeddings") ? bare + n : n)
            .Order(StringComparer.Ordinal).Should().Equal(expected.Tensors.Keys.Order(StringComparer.Ordinal));
        foreach (var name in expected.Tensors.Keys)
        {
            var laidName = layout.BareBloomNames ? name.Replace("transformer.", "") : name;
            actual.Info(laidName).Dtype.Should().Be(expected.Info(name).Dtype);
            actual.ReadTensor(laidName).Should().Equal(expected.ReadTensor(name), name);
        }
        foreach (var shard in ((ShardedCheckpoint)actual).Shards.Where(s => s.Tensors.Count > 1))
            shard.Tensors.Values.Sum(t => t.ByteLength).Should().BeLessThanOrEqualTo(maxShard);
    }

    [Fact]
    public void A_tied_lm_head_alias_is_dropped_and_the_embedding_sliced_once()
    {
        using var dir = new TempDir();
        var laid = Write(dir, "bloom-tiny", Layout("pickle, one file, lm_head alias"), "laid");
        using (var pickle = Checkpoint.Open(laid))
            pickle.SharedTensors.Should().ContainSingle().Which.Should().Equal(
                "transformer.word_embeddings.weight", "lm_head.weight");
        var report = ModelTrimmer.Trim(laid, ModelFolder.KeptList("bloom-tiny"), dir.File("out"));
        report.Tensors.Single(t => t.Name == "lm_head.weight").Action.Should().Be(TensorAction.Drop);
        using var trimmed = Checkpoint.Open(dir.File("out"));
        trimmed.Tensors.Should().NotContainKey("lm_head.weight");
    }
}
