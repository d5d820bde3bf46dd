using System.Text.Json;
using VocabTrim.Checkpoints.Pickle;
using VocabTrim.Checkpoints.Safetensors;
using VocabTrim.Checkpoints.Sharding;
using VocabTrim.Checkpoints.Tests.Support;
using VocabTrim.TestSupport;

namespace VocabTrim.Checkpoints.Tests;

public class ShardingTests
{
    private static string Mt5Safetensors => Path.Combine(SharedData.Reference("mt5-tiny"), "model.safetensors");

    private static BytesTensorSource Tensor(string name, int bytes) =>
        new(new TensorInfo(name, Dtype.U8, new TensorShape(bytes)), Bytes.Pattern(bytes, name.Length));

    [Fact]
    public void A_small_maximum_splits_the_model_into_shards_with_an_index()
    {
        using var dir = new TempDir();
        using var source = SafetensorsReader.Open(Mt5Safetensors);
        var written = ShardedSafetensorsWriter.Write(
            dir.Path, source.Tensors.Keys.Select(n => new CheckpointTensorSource(source, n)), maxShardBytes: 300_000);

        // As huggingface_hub splits it (checked with a transcription of split_state_dict_into_shards_factory):
        // 20, 18 and 12 layer tensors, then the two 262,144-byte vocabulary matrices one per shard.
        written.Files.Select(Path.GetFileName).Should().Equal(
            Enumerable.Range(1, 5).Select(i => $"model-{i:D5}-of-00005.safetensors"));
        written.Files.Select(f =>
        {
            using var shard = SafetensorsReader.Open(f);
            return shard.Tensors.Count;
        }).Should().Equal(20, 18, 12, 1, 1);
        written.IndexFile.Should().Be(dir.File("model.safetensors.index.json"));
        written.TotalSize.Should().Be(1314816);
        foreach (var file in written.Files)
        {
            using var shard = SafetensorsReader.Open(file);
            shard.Tensors.Values.Sum(t => t.ByteLength).Should().BeLessThanOrEqualTo(300_000);
        }

        var index = JsonDocument.Parse(File.ReadAllText(written.IndexFile!)).RootElement;
        index.GetProperty("metadata").GetProperty("total_size").GetInt64().Should().Be(1314816);
        var weightMap = index.GetProperty("weight_map").EnumerateObject().ToList();
        weightMap.Select(p => p.Name).Should().BeEquivalentTo(source.Tensors.Keys)
            .And.BeInAscendingOrder(StringComparer.Ordinal);

        using var sharded = Checkpoint.Open(dir.Path);
        sharded.Should().BeOfType<ShardedCheckpoint>();
        sharded.Format.Should().Be(CheckpointFormat.Safetensors);
        sharded.Tensors.Keys.Should().Equal(source.Tensors.Keys);
        foreach (var (name, info) in source.Tensors)
        {
            sharded.Info(name).Should().Be(info);
            sharded.ReadTensor(name).Should().Equal(source.ReadTensor(name));
        }
    }

    [Fact]
    public void The_index_is_formatted_as_transformers_writes_it()
    {
        using var dir = new TempDir();
        ShardedSafetensorsWriter.Write(dir.Path, [Tensor("b", 6), Tensor("a", 6)], maxShardBytes: 8);
        File.ReadAllText(dir.File("model.safetensors.index.json")).Should().Be(
            """
            {
              "metadata": {
                "total_size": 12
              },
              "weight_map": {
                "a": "model-00002-of-00002.safetensors",
                "b": "model-00001-of-00002.safetensors"
              }
            }

            """.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Shards_follow_the_hugging_face_algorithm_including_oversized_tensors()
    {
        // With a maximum of 64: t0 opens a shard, t1 does not fit beside it, the oversized t2 gets a shard
        // of its own at once (before t1's), t3 does not fit beside t1.
        using var dir = new TempDir();
        var written = ShardedSafetensorsWriter.Write(
            dir.Path, [Tensor("t0", 40), Tensor("t1", 40), Tensor("t2", 100), Tensor("t3", 30), Tensor("t4", 20)],
            maxShardBytes: 64);
        var contents = written.Files.Select(f =>
        {
            using var shard = SafetensorsReader.Open(f);
            return string.Join("+", shard.Tensors.Keys);
        });
        contents.Should().Equal("t0", "t2", "t1", "t3+t4");
    }

    [Fact]
    public void Tensors_that_fit_in_one_shard_give_a_single_file_and_remove_stale_shards()
    {
        using var dir = new TempDir();
        ShardedSafetensorsWriter.Write(dir.Path, [Tensor("a", 50), Tensor("b", 50)], maxShardBytes: 60);
        File.Exists(dir.File("model-00002-of-00002.safetensors")).Should().BeTrue();
        File.WriteAllText(dir.File("config.json"), "{}");

        var written = ShardedSafetensorsWriter.Write(dir.Path, [Tensor("a", 50), Tensor("b", 50)]);
        written.Files.Should().Equal(dir.File("model.safetensors"));
        written.IndexFile.Should().BeNull();
        Directory.GetFiles(dir.Path).Select(Path.GetFileName).Should().BeEquivalentTo(
            "model.safetensors", "config.json");
    }

    [Fact]
    public void Writing_shards_over_a_single_file_removes_it_so_the_index_is_what_loads()
    {
        using var dir = new TempDir();
        ShardedSafetensorsWriter.Write(dir.Path, [Tensor("old", 10)]);
        ShardedSafetensorsWriter.Write(dir.Path, [Tensor("a", 50), Tensor("b", 50)], maxShardBytes: 60);
        File.Exists(dir.File("model.safetensors")).Should().BeFalse();
        using var checkpoint = Checkpoint.Open(dir.Path);
        checkpoint.Tensors.Keys.Should().Equal("a", "b");
    }

    [Fact]
    public void The_default_maximum_is_five_decimal_gigabytes()
    {
        ShardedSafetensorsWriter.DefaultMaxShardBytes.Should().Be(5_000_000_000);
    }

    [Fact]
    public void A_sharded_pickle_checkpoint_opens_through_its_index()
    {
        using var dir = new TempDir();
        using var source = SafetensorsReader.Open(Mt5Safetensors);
        var names = source.Tensors.Keys.ToList();
        var first = names.Take(30).ToList();
        var second = names.Skip(30).ToList();
        TorchCheckpointBuilder.From(source, first).Write(dir.File("pytorch_model-00001-of-00002.bin"));
        TorchCheckpointBuilder.From(source, second).Write(dir.File("pytorch_model-00002-of-00002.bin"));
        var weightMap = first.ToDictionary(n => n, _ => "pytorch_model-00001-of-00002.bin");
        foreach (var n in second) weightMap[n] = "pytorch_model-00002-of-00002.bin";
        new ShardIndex(1314816, weightMap).Write(dir.File("pytorch_model.bin.index.json"));

        using var sharded = Checkpoint.Open(dir.Path);
        sharded.Format.Should().Be(CheckpointFormat.PyTorchPickle);
        ((ShardedCheckpoint)sharded).Shards.Should().AllBeOfType<PickleCheckpointReader>().And.HaveCount(2);
        sharded.Tensors.Keys.Should().Equal(names);
        foreach (var name in names) sharded.ReadTensor(name).Should().Equal(source.ReadTensor(name));
    }

    [Theory]
    [InlineData(
        """{"metadata":{},"weight_map":{"a":"model-00001-of-00002.safetensors","b":"model-00002-of-00002.""" +
        """safetensors","c":"model-00002-of-00002.safetensors"}}""",
        "tensor 'c': weight_map puts it in 'model-00002-of-00002.safetensors', which does not hold it")]
    [InlineData(
        """{"metadata":{},"weight_map":{"a":"model-00001-of-00002.safetensors"}}""",
        "the shard 'model-00001-of-00002.safetensors' it names does not exist")]
    [InlineData(
        """{"metadata":{},"weight_map":{"a":"model-00002-of-00002.safetensors","b":"model-00001-of-00002.""" +
        """safetensors"}}""",
        "tensor 'a': shard 'model-00001-of-00002.safetensors' holds it but weight_map puts it in " +
        "'model-00002-of-00002.safetensors'")]
    [InlineData(
        """{"metadata":{},"weight_map":{"a":"model-00001-of-00002.safetensors","b":"model-00001-of-00002.""" +
        """safetensors"}}""",
        "tensor 'b': weight_map puts it in 'model-00001-of-00002.safetensors', which does not hold it")]
    [InlineData(
        """{"metadata":{},"weight_map":{"a":"../model-00001-of-00002.safetensors"}}""",
        "tensor 'a': weight_map names '../model-00001-of-00002.safetensors', which is not a file name in the index's " +
        "folder")]
    [InlineData(
        """{"metadata":{},"weight_map":{"a":"x.safetensors","a":"y.safetensors"}}""",
        "tensor 'a': weight_map lists the tensor twice")]
    [InlineData("""{"metadata":{}}""", "the index has no weight_map")]
    [InlineData("""{"weight_map":{}}""", "weight_map lists no tensors")]
    [InlineData("""{"weight_map":""", "the index is not valid JSON*")]
    public void An_index_that_disagrees_with_its_shards_is_refused(string index, string message)
    {
        using var dir = new TempDir();
        ShardedSafetensorsWriter.Write(dir.Path, [Tensor("a", 50), Tensor("b", 50)], maxShardBytes: 60);
        var indexPath = dir.File("model.safetensors.index.json");
        File.WriteAllText(indexPath, index);
        if (message.Contains("does not exist")) File.Delete(dir.File("model-00001-of-00002.safetensors"));
        var act = () => Checkpoint.Open(dir.Path);
        act.Should().Throw<CheckpointFormatException>().WithMessage($"{indexPath}: {message}");
    }

    [Fact]
    public void A_shard_holding_a_tensor_the_index_omits_is_refused()
    {
        using var dir = new TempDir();
        ShardedSafetensorsWriter.Write(dir.Path, [Tensor("a", 50), Tensor("b", 50)], maxShardBytes: 60);
        var indexPath = dir.File("model.safetensors.index.json");
        new ShardIndex(100, new Dictionary<string, string> { ["a"] = "model-00001-of-00002.safetensors" })
            .Write(indexPath);
        File.Delete(dir.File("model-00002-of-00002.safetensors"));
        SafetensorsWriter.Write(dir.File("model-00001-of-00002.safetensors"), [Tensor("a", 50), Tensor("extra", 5)]);
        var act = () => Checkpoint.Open(indexPath);
        act.Should().Throw<CheckpointFormatException>()
            .WithMessage(
                $"{indexPath}: tensor 'extra': shard 'model-00001-of-00002.safetensors' holds it but weight_map does " +
                "not list it");
    }
}
