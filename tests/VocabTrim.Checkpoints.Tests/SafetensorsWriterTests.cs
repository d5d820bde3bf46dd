using System.Buffers.Binary;
using System.Text;
using System.Text.Json;
using VocabTrim.Checkpoints.Safetensors;
using VocabTrim.Checkpoints.Tests.Support;
using VocabTrim.TestSupport;

namespace VocabTrim.Checkpoints.Tests;

public class SafetensorsWriterTests
{
    [Theory]
    [InlineData("mt5-tiny")]
    [InlineData("bloom-tiny")]
    public void Rewriting_a_reference_file_reproduces_it_byte_for_byte(string model)
    {
        // Same header layout, order, padding and data as Hugging Face's own writer.
        var original = Path.Combine(SharedData.Reference(model), "model.safetensors");
        using var dir = new TempDir();
        var copy = dir.File("model.safetensors");
        using (var source = SafetensorsReader.Open(original))
            SafetensorsWriter.Write(
                copy, source.Tensors.Keys.Reverse().Select(n => new CheckpointTensorSource(source, n)));
        File.ReadAllBytes(copy).Should().Equal(File.ReadAllBytes(original));
    }

    [Fact]
    public void Converting_a_pickle_gives_the_reference_safetensors_file()
    {
        // The tied duplicates are left out, as Hugging Face does; what remains is the same file.
        var folder = SharedData.Reference("mt5-tiny");
        using var dir = new TempDir();
        var converted = dir.File("model.safetensors");
        using (var pickle = Checkpoint.Open(Path.Combine(folder, "pytorch_model.bin")))
        {
            var duplicates = pickle.SharedTensors.SelectMany(g => g.Skip(1)).ToHashSet();
            SafetensorsWriter.Write(
                converted, pickle.Tensors.Keys.Where(n => !duplicates.Contains(n)).Select(
                    n => new CheckpointTensorSource(pickle, n)));
        }
        File.ReadAllBytes(converted).Should().Equal(File.ReadAllBytes(Path.Combine(folder, "model.safetensors")));
    }

    [Fact]
    public void Mixed_dtypes_are_ordered_by_alignment_then_name_and_stay_aligned()
    {
        using var dir = new TempDir();
        var path = dir.File("mixed.safetensors");
        var tensors = new (string Name, Dtype Dtype, long[] Shape)[]
        {
            ("mask", Dtype.Bool, [3]),
            ("b.half", Dtype.F16, [3, 1]),
            ("a.half", Dtype.F16, [1]),
            ("brain", Dtype.BF16, [2, 3]),
            ("ids", Dtype.I64, [5]),
            ("weight", Dtype.F32, [2, 2]),
            ("bytes", Dtype.U8, [7]),
            ("scale", Dtype.F64, []),
        };
        var data = tensors.ToDictionary(
            t => t.Name, t => Bytes.Pattern(
                (int)(new TensorShape(t.Shape).ElementCount * t.Dtype.ElementSize), t.Name.Length));
        SafetensorsWriter.Write(
            path, tensors.Select(
                t => new BytesTensorSource(new TensorInfo(t.Name, t.Dtype, new TensorShape(t.Shape)), data[t.Name])));

        using var reader = SafetensorsReader.Open(path);
        reader.Tensors.Keys.Should().Equal("ids", "scale", "weight", "brain", "a.half", "b.half", "bytes", "mask");
        reader.DataStart.Should().Be(reader.DataStart / 8 * 8);
        foreach (var t in tensors)
        {
            reader.Info(t.Name).Should().Be(new TensorInfo(t.Name, t.Dtype, new TensorShape(t.Shape)));
            reader.ReadTensor(t.Name).Should().Equal(data[t.Name]);
        }
        // Every tensor starts at a multiple of its element size, so it can be used in place from a memory map.
        var header = ReadHeader(path);
        foreach (var t in tensors)
            (header.GetProperty(t.Name).GetProperty("data_offsets")[0].GetInt64() % t.Dtype.ElementSize).Should().Be(0);
    }

    [Fact]
    public void The_header_is_compact_json_with_format_pt_first_padded_with_spaces()
    {
        using var dir = new TempDir();
        var path = dir.File("one.safetensors");
        SafetensorsWriter.Write(
            path, [new BytesTensorSource(new TensorInfo("x", Dtype.F32, new TensorShape(1, 2)), Bytes.Floats(1f, 2f))],
            new Dictionary<string, string> { ["note"] = "trimmed" });
        var bytes = File.ReadAllBytes(path);
        var length = (int)BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        var text = Encoding.UTF8.GetString(bytes, 8, length);
        text.TrimEnd(' ').Should().Be(
            """{"__metadata__":{"format":"pt","note":"trimmed"},"x":{"dtype":"F32","shape":[1,2],"data_offsets":[0""" +
            """,8]}}""");
        (length % 8).Should().Be(0);
        text.Length.Should().BeLessThan(text.TrimEnd(' ').Length + 8);
        bytes.Length.Should().Be(8 + length + 8);
        using var reader = SafetensorsReader.Open(path);
        reader.Metadata.Should().Equal(new Dictionary<string, string> { ["format"] = "pt", ["note"] = "trimmed" });
    }

    [Fact]
    public void A_source_that_writes_the_wrong_number_of_bytes_leaves_no_file()
    {
        using var dir = new TempDir();
        var path = dir.File("model.safetensors");
        File.WriteAllText(path, "previous content");
        var act = () => SafetensorsWriter.Write(path, [new ShortTensorSource()]);
        act.Should().Throw<InvalidOperationException>().WithMessage(
            "the source of tensor 'short' wrote 4 bytes instead of 8");
        File.ReadAllText(path).Should().Be("previous content");
        Directory.GetFiles(dir.Path).Should().ContainSingle();
    }

    [Fact]
    public void Duplicate_names_are_refused()
    {
        using var dir = new TempDir();
        var info = new TensorInfo("x", Dtype.U8, new TensorShape(1));
        var act = () =>
            SafetensorsWriter.Write(
                dir.File("dup.safetensors"),
                [new BytesTensorSource(info, new byte[1]), new BytesTensorSource(info, new byte[1])]);
        act.Should().Throw<ArgumentException>().WithMessage("tensor 'x' is given 2 times*");
    }

    [Fact]
    public void F16_and_BF16_tensors_round_trip()
    {
        using var dir = new TempDir();
        var path = dir.File("half.safetensors");
        var half = new byte[2 * 4];
        var values = new[] { (Half)1.5, (Half)(-2), Half.MaxValue, Half.Epsilon };
        for (var i = 0; i < 4; i++) BinaryPrimitives.WriteHalfLittleEndian(half.AsSpan(i * 2), values[i]);
        // BF16 is the upper half of an F32.
        var brain = new byte[2 * 2];
        BinaryPrimitives.WriteUInt16LittleEndian(brain, (ushort)(BitConverter.SingleToUInt32Bits(3.25f) >> 16));
        BinaryPrimitives.WriteUInt16LittleEndian(
            brain.AsSpan(2), (ushort)(BitConverter.SingleToUInt32Bits(-0.5f) >> 16));
        SafetensorsWriter.Write(path,
        [
            new BytesTensorSource(new TensorInfo("h", Dtype.F16, new TensorShape(2, 2)), half),
            new BytesTensorSource(new TensorInfo("b", Dtype.BF16, new TensorShape(2)), brain),
        ]);
        using var reader = SafetensorsReader.Open(path);
        reader.Info("h").Dtype.Should().Be(Dtype.F16);
        reader.Info("b").Dtype.Should().Be(Dtype.BF16);
        var readHalf = reader.ReadTensor("h");
        Enumerable.Range(0, 4).Select(i => BinaryPrimitives.ReadHalfLittleEndian(readHalf.AsSpan(i * 2)))
            .Should().Equal(values);
        var readBrain = reader.ReadTensor("b");
        BitConverter.UInt32BitsToSingle((uint)BinaryPrimitives.ReadUInt16LittleEndian(readBrain) << 16).Should()
            .Be(3.25f);
        BitConverter.UInt32BitsToSingle(
            (uint)BinaryPrimitives.ReadUInt16LittleEndian(readBrain.AsSpan(2)) << 16).Should().Be(-0.5f);
        ReadHeader(path).GetProperty("b").GetProperty("dtype").GetString().Should().Be("BF16");
    }

    private static JsonElement ReadHeader(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var length = (int)BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        return JsonDocument.Parse(bytes.AsMemory(8, length)).RootElement;
    }
}
