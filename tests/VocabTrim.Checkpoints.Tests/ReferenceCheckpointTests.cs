using System.IO.Compression;
using VocabTrim.Checkpoints.Pickle;
using VocabTrim.Checkpoints.Safetensors;
using VocabTrim.TestSupport;

namespace VocabTrim.Checkpoints.Tests;

/// <summary>
/// The tiny Hugging Face checkpoints in shared/reference, each saved both as safetensors and as a pickle.
/// </summary>
public class ReferenceCheckpointTests
{
    private static string FileOf(string model, string name) => Path.Combine(SharedData.Reference(model), name);

    [Fact]
    public void Mt5_tiny_safetensors_has_the_mt5_tensors()
    {
        using var checkpoint = SafetensorsReader.Open(FileOf("mt5-tiny", "model.safetensors"));
        checkpoint.Tensors.Should().HaveCount(52);
        checkpoint.Metadata.Should().Equal(new Dictionary<string, string> { ["format"] = "pt" });
        checkpoint.Info("shared.weight").Should().Be(
            new TensorInfo("shared.weight", Dtype.F32, new TensorShape(1024, 64)));
        checkpoint.Info("lm_head.weight").Should().Be(
            new TensorInfo("lm_head.weight", Dtype.F32, new TensorShape(1024, 64)));
        checkpoint.Info("encoder.block.0.layer.1.DenseReluDense.wi_0.weight").Shape.Should().Equal(128, 64);
        checkpoint.Info("decoder.block.1.layer.2.DenseReluDense.wo.weight").Shape.Should().Equal(64, 128);
        checkpoint.Info("encoder.block.0.layer.0.SelfAttention.relative_attention_bias.weight").Shape.Should()
            .Equal(32, 4);
        checkpoint.Info("encoder.final_layer_norm.weight").Shape.Should().Equal(64);
        checkpoint.Tensors.Values.Should().OnlyContain(t => t.Dtype == Dtype.F32);
        // Hugging Face drops tied duplicates from safetensors: the encoder/decoder embeddings are shared.weight.
        checkpoint.Tensors.Should().NotContainKey("encoder.embed_tokens.weight");
        checkpoint.Tensors.Values.Sum(t => t.ElementCount).Should().Be(328704);
    }

    [Fact]
    public void Bloom_tiny_safetensors_has_the_bloom_tensors()
    {
        using var checkpoint = SafetensorsReader.Open(FileOf("bloom-tiny", "model.safetensors"));
        checkpoint.Tensors.Should().HaveCount(29);
        checkpoint.Info("transformer.word_embeddings.weight").Shape.Should().Equal(1024, 64);
        checkpoint.Info("transformer.h.0.self_attention.query_key_value.weight").Shape.Should().Equal(192, 64);
        checkpoint.Info("transformer.h.1.mlp.dense_h_to_4h.bias").Shape.Should().Equal(256);
        checkpoint.Info("transformer.word_embeddings_layernorm.bias").Shape.Should().Equal(64);
        // The LM head is tied to the embeddings and saved only once.
        checkpoint.Tensors.Should().NotContainKey("lm_head.weight");
    }

    [Fact]
    public void Mt5_tiny_pickle_ties_the_embeddings_to_shared()
    {
        using var checkpoint = PickleCheckpointReader.Open(FileOf("mt5-tiny", "pytorch_model.bin"));
        checkpoint.ArchivePrefix.Should().Be("pytorch_model");
        checkpoint.Version.Should().Be("3");
        checkpoint.Tensors.Should().HaveCount(54);
        checkpoint.Tensors.Keys.First().Should().Be("shared.weight");
        checkpoint.SharedTensors.Should().ContainSingle()
            .Which.Should().Equal("shared.weight", "encoder.embed_tokens.weight", "decoder.embed_tokens.weight");
        var shared = checkpoint.PickledTensors["shared.weight"];
        checkpoint.PickledTensors["decoder.embed_tokens.weight"].Should().BeEquivalentTo(
            shared, o => o.Excluding(t => t.Name));
        shared.Stride.Should().Equal(64, 1);
        // mT5's LM head is not tied: it has a storage of its own.
        checkpoint.PickledTensors["lm_head.weight"].StorageKey.Should().NotBe(shared.StorageKey);
    }

    [Fact]
    public void Bloom_tiny_pickle_ties_the_lm_head_to_the_embeddings()
    {
        using var checkpoint = PickleCheckpointReader.Open(FileOf("bloom-tiny", "pytorch_model.bin"));
        checkpoint.Tensors.Should().HaveCount(30);
        checkpoint.Info("lm_head.weight").Shape.Should().Equal(1024, 64);
        checkpoint.SharedTensors.Should().ContainSingle()
            .Which.Should().Equal("transformer.word_embeddings.weight", "lm_head.weight");
    }

    [Theory]
    [InlineData("mt5-tiny")]
    [InlineData("bloom-tiny")]
    public void Every_tensor_has_the_same_bytes_in_both_formats(string model)
    {
        using var safetensors = Checkpoint.Open(FileOf(model, "model.safetensors"));
        using var pickle = Checkpoint.Open(FileOf(model, "pytorch_model.bin"));
        pickle.Format.Should().Be(CheckpointFormat.PyTorchPickle);

        foreach (var (name, info) in safetensors.Tensors)
        {
            pickle.Info(name).Should().Be(info);
            pickle.ReadTensor(name).Should().Equal(safetensors.ReadTensor(name), $"tensor {name}");
        }
        // What the pickle has beyond the safetensors file is exactly the tied duplicates HF drops.
        var extra = pickle.Tensors.Keys.Except(safetensors.Tensors.Keys).ToList();
        extra.Should().NotBeEmpty();
        foreach (var name in extra)
        {
            var group = pickle.SharedTensors.Single(g => g.Contains(name));
            var kept = group.Single(safetensors.Tensors.ContainsKey);
            pickle.ReadTensor(name).Should().Equal(safetensors.ReadTensor(kept));
        }
    }

    [Theory]
    [InlineData("mt5-tiny")]
    [InlineData("bloom-tiny")]
    public void Pickle_tensor_data_matches_the_storage_entries_read_through_System_IO_Compression(string model)
    {
        // Cross-checks the hand-written zip directory reader against the framework's zip reader.
        var path = FileOf(model, "pytorch_model.bin");
        using var checkpoint = PickleCheckpointReader.Open(path);
        using var zip = ZipFile.OpenRead(path);
        foreach (var (name, layout) in checkpoint.PickledTensors)
        {
            using var entry = zip.GetEntry($"{checkpoint.ArchivePrefix}/data/{layout.StorageKey}")!.Open();
            var storage = new MemoryStream();
            entry.CopyTo(storage);
            var begin = (int)(layout.StorageOffset * layout.Dtype.ElementSize);
            var length = (int)checkpoint.Info(name).ByteLength;
            checkpoint.ReadTensor(name).Should().Equal(
                storage.ToArray().AsSpan(begin, length).ToArray(), $"tensor {name}");
        }
    }

    [Fact]
    public void A_model_folder_opens_its_safetensors_file_first()
    {
        using var checkpoint = Checkpoint.Open(SharedData.Reference("mt5-tiny"));
        checkpoint.Should().BeOfType<SafetensorsReader>();
        checkpoint.Location.Should().EndWith("model.safetensors");
    }

    [Fact]
    public void Reads_may_run_on_several_threads_at_once()
    {
        using var checkpoint = Checkpoint.Open(FileOf("mt5-tiny", "pytorch_model.bin"));
        var names = checkpoint.Tensors.Keys.ToList();
        var expected = names.ToDictionary(n => n, checkpoint.ReadTensor);
        Parallel.ForEach(Enumerable.Range(0, 8), _ =>
        {
            foreach (var name in names) checkpoint.ReadTensor(name).Should().Equal(expected[name]);
        });
    }
}
