using System.Text.Json;
using VocabTrim.Checkpoints.Pickle;
using VocabTrim.Checkpoints.Sharding;
using VocabTrim.Checkpoints.Tests.Support;
using VocabTrim.TestSupport;

namespace VocabTrim.Checkpoints.Tests;

/// <summary>
/// pytorch_model.bin files written by <see cref="TorchSaveWriter"/> (the synthetic hub layouts): read back by our
/// reader, and checked by CPython's own zipfile (every CRC) and pickle machinery (the state dict torch.load would see).
/// </summary>
public class TorchSaveWriterTests
{
    private static BytesTensorSource Tensor(string name, Dtype dtype, params long[] shape)
    {
        var info = new TensorInfo(name, dtype, new TensorShape(shape));
        return new BytesTensorSource(info, Bytes.Pattern((int)info.ByteLength, name.Length + shape.Length));
    }

    private static readonly ITensorSource[] Mt5Like =
    [
        Tensor("shared.weight", Dtype.BF16, 10, 4),
        Tensor("lm_head.weight", Dtype.BF16, 10, 4),
        Tensor("encoder.final_layer_norm.weight", Dtype.F32, 4),
        Tensor("scalar", Dtype.I64),
        Tensor("four.dims", Dtype.F16, 2, 1, 3, 2),
    ];

    [Fact]
    public void Every_tensor_reads_back_byte_for_byte_and_aliases_share_a_storage()
    {
        using var dir = new TempDir();
        var path = dir.File("pytorch_model.bin");
        TorchSaveWriter.Write(path, Mt5Like, new Dictionary<string, string>
        {
            ["encoder.embed_tokens.weight"] = "shared.weight",
            ["decoder.embed_tokens.weight"] = "shared.weight",
        });
        using var reader = PickleCheckpointReader.Open(path);
        reader.Tensors.Keys.Should().Equal(
            "shared.weight", "decoder.embed_tokens.weight", "encoder.embed_tokens.weight",
            "lm_head.weight", "encoder.final_layer_norm.weight", "scalar", "four.dims");
        foreach (var source in Mt5Like)
        {
            reader.Info(source.Info.Name).Should().Be(source.Info);
            var expected = new MemoryStream();
            source.WriteTo(expected);
            reader.ReadTensor(source.Info.Name).Should().Equal(expected.ToArray());
        }
        reader.ReadTensor("encoder.embed_tokens.weight").Should().Equal(reader.ReadTensor("shared.weight"));
        reader.SharedTensors.Should().ContainSingle().Which.Should().Equal(
            "shared.weight", "decoder.embed_tokens.weight", "encoder.embed_tokens.weight");
        reader.Version.Should().Be("3");
    }

    [Fact]
    public void CPython_finds_every_CRC_right_and_unpickles_the_state_dict_torch_load_would_build()
    {
        using var dir = new TempDir();
        var path = dir.File("pytorch_model.bin");
        TorchSaveWriter.Write(path, Mt5Like, new Dictionary<string, string> { ["tied"] = "lm_head.weight" });
        const string script = """
            import json, pickle, sys, zipfile
            z = zipfile.ZipFile(sys.argv[1])
            bad = z.testzip()
            class Stub:
                def __init__(self, name): self.name = name
                def __call__(self, *args): return [self.name, *args]
            class Unpickler(pickle.Unpickler):
                def find_class(self, module, name): return Stub(module + "." + name)
                def persistent_load(self, pid): return [pid[0], pid[1].name, pid[2], pid[3], pid[4]]
            d = Unpickler(z.open("archive/data.pkl")).load()
            out = {k: [v[1], v[2], list(v[3]), list(v[4]), v[5]] for k, v in d.items()}
            print(json.dumps({"bad": bad, "dict": type(d).__name__, "tensors": out, "names": z.namelist()}))
            """;
        var result = JsonDocument.Parse(ExternalTool.Run("python3", ["-c", script, path])).RootElement;
        result.GetProperty("bad").ValueKind.Should().Be(JsonValueKind.Null);
        result.GetProperty("dict").GetString().Should().Be("dict");
        result.GetProperty("names").EnumerateArray().Select(e => e.GetString()).Should().Equal(
            "archive/data.pkl", "archive/byteorder", "archive/data/0", "archive/data/1", "archive/data/2",
            "archive/data/3", "archive/data/4", "archive/version");
        var tensors = result.GetProperty("tensors");
        tensors.EnumerateObject().Select(p => p.Name).Should().Equal(
            "shared.weight", "lm_head.weight", "tied", "encoder.final_layer_norm.weight", "scalar", "four.dims");
        tensors.GetProperty("lm_head.weight").GetRawText().Should().Be(
            """[["storage", "torch.BFloat16Storage", "1", "cpu", 40], 0, [10, 4], [4, 1], false]""");
        tensors.GetProperty("tied").GetRawText().Should().Be(tensors.GetProperty("lm_head.weight").GetRawText());
        tensors.GetProperty("scalar").GetRawText().Should().Be(
            """[["storage", "torch.LongStorage", "3", "cpu", 1], 0, [], [], false]""");
        tensors.GetProperty("four.dims").GetRawText().Should().Be(
            """[["storage", "torch.HalfStorage", "4", "cpu", 12], 0, [2, 1, 3, 2], [6, 6, 2, 1], false]""");
    }

    [Fact]
    public void Element_counts_past_two_to_the_31_are_pickled_as_CPython_pickles_them()
    {
        // A bloomz-176B embedding is 250,880 × 14,336 = 3,596,615,680 elements: LONG1, not a truncated BININT.
        var pickle = StateDictPickle.Serialize([new("e", "0", Dtype.BF16, new TensorShape(250_880, 14_336))]);
        const string script = """
            import pickle, sys
            class Unpickler(pickle.Unpickler):
                def find_class(self, module, name): return lambda *a: a
                def persistent_load(self, pid): return pid[4]
            d = Unpickler(open(sys.argv[1], "rb")).load()
            print(d["e"][0], d["e"][2], d["e"][3])
            """;
        using var dir = new TempDir();
        File.WriteAllBytes(dir.File("data.pkl"), pickle);
        ExternalTool.Run("python3", ["-c", script, dir.File("data.pkl")]).Trim().Should().Be(
            "3596615680 (250880, 14336) (14336, 1)");
        RestrictedUnpickler.Load(pickle, "test").Should().BeOfType<PickleDict>()
            .Which.Items.Single().Value.Should().BeOfType<TorchTensor>()
            .Which.Storage.ElementCount.Should().Be(3_596_615_680);
    }

    [Fact]
    public void Sharded_pickles_get_an_index_and_open_as_one_checkpoint_with_aliases_beside_their_tensor()
    {
        using var dir = new TempDir();
        var written = ShardedCheckpointWriter.WriteInShards(
            dir.Path, Mt5Like, CheckpointFormat.PyTorchPickle, shardCount: 3,
            aliases: new Dictionary<string, string> { ["encoder.embed_tokens.weight"] = "shared.weight" });
        written.Files.Select(Path.GetFileName).Should().Equal(
            "pytorch_model-00001-of-00003.bin", "pytorch_model-00002-of-00003.bin", "pytorch_model-00003-of-00003.bin");
        written.IndexFile.Should().Be(dir.File("pytorch_model.bin.index.json"));
        using var checkpoint = Checkpoint.Open(dir.Path);
        checkpoint.Should().BeOfType<ShardedCheckpoint>().Which.Format.Should().Be(CheckpointFormat.PyTorchPickle);
        checkpoint.Tensors.Should().HaveCount(6);
        checkpoint.SharedTensors.Should().ContainSingle().Which.Should().Equal(
            "shared.weight", "encoder.embed_tokens.weight");
        ShardIndex.Read(written.IndexFile!).WeightMap["encoder.embed_tokens.weight"].Should().Be(
            "pytorch_model-00001-of-00003.bin");
        foreach (var source in Mt5Like) checkpoint.Info(source.Info.Name).Should().Be(source.Info);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(4)]
    [InlineData(5)]
    public void A_shard_count_is_met_exactly_with_tensors_in_order(int count)
    {
        using var dir = new TempDir();
        var written = ShardedCheckpointWriter.WriteInShards(dir.Path, Mt5Like, CheckpointFormat.Safetensors, count);
        written.Files.Should().HaveCount(count);
        using var checkpoint = Checkpoint.Open(dir.Path);
        checkpoint.Tensors.Keys.Order(StringComparer.Ordinal).Should().Equal(
            Mt5Like.Select(t => t.Info.Name).Order(StringComparer.Ordinal));
        if (count == 2)
        {
            // Half of the 208 bytes is reached after the first two matrices (80 + 80).
            var index = ShardIndex.Read(written.IndexFile!);
            index.WeightMap["lm_head.weight"].Should().Be("model-00001-of-00002.safetensors");
            index.WeightMap["encoder.final_layer_norm.weight"].Should().Be("model-00002-of-00002.safetensors");
        }
    }

    [Fact]
    public void Writing_pickles_over_a_safetensors_checkpoint_removes_it_so_no_loader_takes_the_stale_one()
    {
        using var dir = new TempDir();
        ShardedSafetensorsWriter.Write(dir.Path, Mt5Like);
        ShardedCheckpointWriter.Write(dir.Path, Mt5Like, CheckpointFormat.PyTorchPickle, maxShardBytes: 100);
        Directory.EnumerateFiles(dir.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal).Should().Equal(
            "pytorch_model-00001-of-00003.bin", "pytorch_model-00002-of-00003.bin",
            "pytorch_model-00003-of-00003.bin", "pytorch_model.bin.index.json");
    }
}
