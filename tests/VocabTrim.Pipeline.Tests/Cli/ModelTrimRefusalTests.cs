using System.Buffers.Binary;
using System.Text;
using VocabTrim.Checkpoints;
using VocabTrim.Checkpoints.Safetensors;
using VocabTrim.Counting;
using VocabTrim.Pipeline.Tests.Support;
using VocabTrim.TestSupport;

namespace VocabTrim.Pipeline.Tests.Cli;

/// <summary>
/// <c>vocabtrim trim --model</c> on bad inputs, one case each: a clear one-line error, exit code 1, and no output
/// folder (nor a staging folder left beside it).
/// </summary>
public class ModelTrimRefusalTests
{
    private static void ShouldRefuse(CliRun run, TempDir dir, params string[] expected)
    {
        run.ExitCode.Should().Be(1, run.ToString());
        run.Output.Should().BeEmpty();
        run.Error.Should().StartWith("vocabtrim: ").And.EndWith("\n");
        run.Error.TrimEnd('\n').Should().NotContain("\n", "a user error is one line")
            .And.NotContain("   at ", "no stack trace");
        foreach (var text in expected) run.Error.Should().Contain(text);
        Directory.Exists(dir.File("out")).Should().BeFalse();
        Directory.GetDirectories(dir.Path).Select(Path.GetFileName).Should().NotContain(
            n => n!.Contains("vocabtrim-tmp"));
    }

    private static CliRun Trim(string model, string keep, TempDir dir) =>
        CliRun.Of("trim", "--model", model, "--keep", keep, "--out", dir.File("out"));

    private static string WithWeights(TempDir dir, string reference, byte[] weights)
    {
        var folder = ModelFolder.Linked(dir, reference, null);
        File.WriteAllBytes(Path.Combine(folder, ModelFolder.Safetensors), weights);
        return folder;
    }

    private static byte[] ReferenceWeights(string reference) =>
        File.ReadAllBytes(Path.Combine(SharedData.Reference(reference), ModelFolder.Safetensors));

    [Fact]
    public void A_truncated_safetensors_file()
    {
        using var dir = new TempDir();
        var bytes = ReferenceWeights("bloom-tiny");
        var folder = WithWeights(dir, "bloom-tiny", bytes[..(bytes.Length - 1000)]);

        ShouldRefuse(
            Trim(folder, ModelFolder.KeptList("bloom-tiny"), dir), dir, "model.safetensors",
            "lie outside the data section");
    }

    [Fact]
    public void A_header_longer_than_the_file()
    {
        using var dir = new TempDir();
        var bytes = ReferenceWeights("bloom-tiny");
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, (ulong)bytes.Length);
        var folder = WithWeights(dir, "bloom-tiny", bytes);

        ShouldRefuse(
            Trim(folder, ModelFolder.KeptList("bloom-tiny"), dir), dir,
            $"the header length {bytes.Length} exceeds the {bytes.Length - 8} bytes that follow it");
    }

    [Fact]
    public void Overlapping_data_offsets()
    {
        using var dir = new TempDir();
        var header = Encoding.UTF8.GetBytes(
            """{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"F32","shape":[2],"data_offsets":""" +
            """[4,12]}}""");
        var bytes = new byte[8 + header.Length + 12];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, (ulong)header.Length);
        header.CopyTo(bytes, 8);
        var folder = WithWeights(dir, "bloom-tiny", bytes);

        ShouldRefuse(Trim(folder, ModelFolder.KeptList("bloom-tiny"), dir), dir, "tensor 'b'", "overlap those of 'a'");
    }

    [Fact]
    public void A_pickle_with_a_foreign_global()
    {
        using var dir = new TempDir();
        var folder = ModelFolder.Linked(dir, "mt5-tiny", null);
        ModelFolder.WritePatchedPickle(
            "mt5-tiny", Path.Combine(folder, ModelFolder.Pickle), "collections\nOrderedDict\n", "os\nsystem\n");

        ShouldRefuse(
            Trim(folder, ModelFolder.KeptList("mt5-tiny"), dir), dir, "pytorch_model.bin", "the global 'os.system'",
            "nothing was executed");
    }

    [Fact]
    public void Keep_ids_beyond_the_checkpoints_rows()
    {
        using var dir = new TempDir();
        var kept = File.ReadAllText(ModelFolder.KeptList("bloom-tiny")).Replace("[0, ", "[0, 1024, ");
        File.WriteAllText(dir.File("keep.json"), kept);

        ShouldRefuse(
            Trim(ModelFolder.Linked(dir, "bloom-tiny", ModelFolder.Safetensors), dir.File("keep.json"), dir), dir,
            "kept[1] = 1024 is outside the model's vocabulary", "has 1024 rows (ids 0–1023)");
    }

    [Fact]
    public void A_keep_list_made_for_another_tokenizer()
    {
        using var dir = new TempDir();
        var reference = ReferenceCounts.For("unigram-ende-16k");
        CountsDirectory.Write(dir.File("counts"), reference.Vocabulary, [reference.Counts["en"]]);
        CliRun.Of("select", "--counts", dir.File("counts"), "--langs", "en:200", "--out", dir.File("keep.json"))
            .ExitCode.Should().Be(0);

        ShouldRefuse(
            Trim(ModelFolder.Linked(dir, "mt5-tiny", ModelFolder.Safetensors), dir.File("keep.json"), dir), dir,
            "the keep list was made for the tokenizer with sha256", "spiece.model has sha256 6503de88");
    }

    [Fact]
    public void A_vocabulary_sized_tensor_of_unknown_role()
    {
        using var dir = new TempDir();
        var folder = ModelFolder.Linked(dir, "bloom-tiny", null);
        using (var original = Checkpoint.Open(
            Path.Combine(SharedData.Reference("bloom-tiny"), ModelFolder.Safetensors)))
        {
            var extra = new TensorInfo("transformer.token_type_table.weight", Dtype.F16, new TensorShape(1024, 4));
            SafetensorsWriter.Write(Path.Combine(folder, ModelFolder.Safetensors),
                [.. original.Tensors.Keys.Select(n => new CheckpointTensorSource(original, n)),
                    new BytesTensorSource(extra, new byte[extra.ByteLength])]);
        }

        ShouldRefuse(Trim(folder, ModelFolder.KeptList("bloom-tiny"), dir), dir,
            "tensor 'transformer.token_type_table.weight' [1024, 4] is vocabulary-sized (1024 rows) but vocabtrim " +
            "does not know its role");
    }

    [Fact]
    public void A_model_folder_without_config_json()
    {
        using var dir = new TempDir();
        var folder = dir.File("weights-only");
        Directory.CreateDirectory(folder);
        File.CreateSymbolicLink(
            Path.Combine(folder, ModelFolder.Safetensors), Path.Combine(
                SharedData.Reference("mt5-tiny"), ModelFolder.Safetensors));

        ShouldRefuse(
            Trim(folder, ModelFolder.KeptList("mt5-tiny"), dir), dir, "config.json: there is no config.json",
            "model_type");
    }

    [Fact]
    public void A_bloom_folder_whose_tokenizer_json_is_not_a_tokenizer()
    {
        using var dir = new TempDir();
        var folder = ModelFolder.Linked(dir, "bloom-tiny", ModelFolder.Safetensors);
        File.WriteAllText(Path.Combine(folder, "tokenizer.json"), """{"model": {"type": "WordPiece", "vocab": {}}}""");

        ShouldRefuse(Trim(folder, ModelFolder.KeptList("bloom-tiny"), dir), dir, "tokenizer.json", "model.type");
    }

    [Fact]
    public void A_keep_list_that_drops_the_eos_token()
    {
        using var dir = new TempDir();
        File.WriteAllText(
            dir.File("keep.json"), File.ReadAllText(ModelFolder.KeptList("bloom-tiny"))
            .Replace("[0, 1, 2, 3, ", "[0, 1, 3, "));

        ShouldRefuse(
            Trim(ModelFolder.Linked(dir, "bloom-tiny", ModelFolder.Safetensors), dir.File("keep.json"), dir), dir,
            "config.json: eos_token_id is 2, which the keep list drops");
    }

    [Fact]
    public void An_output_folder_that_already_has_files()
    {
        using var dir = new TempDir();
        Directory.CreateDirectory(dir.File("out"));
        File.WriteAllText(dir.File("out/precious.txt"), "keep me");

        var run = Trim(
            ModelFolder.Linked(dir, "bloom-tiny", ModelFolder.Safetensors), ModelFolder.KeptList("bloom-tiny"), dir);

        run.ExitCode.Should().Be(1);
        run.Error.Should().Contain("already exists and is not empty");
        Directory.GetFiles(dir.File("out")).Select(Path.GetFileName).Should().Equal("precious.txt");
    }
}
