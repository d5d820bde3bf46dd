using VocabTrim.Checkpoints.Sharding;
using VocabTrim.TestSupport;

namespace VocabTrim.Checkpoints.Tests;

/// <summary>
/// A weight file written alone goes through a temporary of its own; in a folder its caller stages as a whole it is
/// written under its name, so the weights are staged once (by the folder), not twice.
/// </summary>
public class StagedFolderWriteTests
{
    /// <summary>A tensor that notes the files of its folder at the moment its bytes are written.</summary>
    private sealed class FolderWitness(string folder, string name) : ITensorSource
    {
        public TensorInfo Info { get; } = new(name, Dtype.U8, new TensorShape(4));

        public List<string> Seen { get; } = [];

        public void WriteTo(Stream destination)
        {
            Seen.AddRange(Directory.GetFiles(folder).Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal));
            destination.Write([1, 2, 3, 4]);
        }
    }

    [Theory]
    [InlineData(CheckpointFormat.Safetensors, "model.safetensors")]
    [InlineData(CheckpointFormat.PyTorchPickle, "pytorch_model.bin")]
    public void Into_a_staged_folder_the_weights_are_written_under_their_name_else_through_a_temporary(
        CheckpointFormat format, string file)
    {
        using var dir = new TempDir();
        var alone = Directory.CreateDirectory(dir.File("alone")).FullName;
        var staged = Directory.CreateDirectory(dir.File("staged")).FullName;
        var throughTemporary = new FolderWitness(alone, "w");
        var underItsName = new FolderWitness(staged, "w");

        ShardedCheckpointWriter.Write(alone, [throughTemporary], format, 1 << 20);
        ShardedCheckpointWriter.Write(staged, [underItsName], format, 1 << 20, folderIsStaged: true);

        throughTemporary.Seen.Should().ContainSingle().Which.Should().StartWith($"{file}.tmp-");
        underItsName.Seen.Should().Equal(file);
        Directory.GetFiles(staged).Select(Path.GetFileName).Should().Equal(file);
        File.ReadAllBytes(Path.Combine(staged, file)).Should().Equal(File.ReadAllBytes(Path.Combine(alone, file)));
    }

    [Fact]
    public void Sharded_into_a_staged_folder_each_shard_and_the_index_get_their_names_and_no_temporary()
    {
        using var dir = new TempDir();
        var alone = Directory.CreateDirectory(dir.File("alone")).FullName;
        var staged = Directory.CreateDirectory(dir.File("staged")).FullName;
        FolderWitness[] Tensors(string folder) => [new(folder, "a"), new(folder, "b")];
        var second = Tensors(staged);

        ShardedCheckpointWriter.WriteInShards(alone, Tensors(alone), CheckpointFormat.Safetensors, 2);
        ShardedCheckpointWriter.WriteInShards(staged, second, CheckpointFormat.Safetensors, 2, folderIsStaged: true);

        second[1].Seen.Should().Equal("model-00001-of-00002.safetensors", "model-00002-of-00002.safetensors");
        var names = Directory.GetFiles(staged).Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal).ToList();
        names.Should().Equal(
            "model-00001-of-00002.safetensors", "model-00002-of-00002.safetensors", "model.safetensors.index.json");
        foreach (var name in names)
            File.ReadAllBytes(Path.Combine(staged, name)).Should().Equal(File.ReadAllBytes(Path.Combine(alone, name)));
    }
}
