using System.Buffers.Binary;
using System.IO.Compression;
using VocabTrim.Checkpoints.Pickle;
using VocabTrim.Checkpoints.Tests.Support;
using VocabTrim.TestSupport;

namespace VocabTrim.Checkpoints.Tests;

/// <summary>
/// Crafted torch.save archives: the dtypes, views and layouts real checkpoints may use, and malicious or broken ones.
/// </summary>
public class PickleCheckpointReaderTests
{
    private static TorchCheckpointBuilder OneMatrix() => new TorchCheckpointBuilder()
        .Storage("0", Dtype.F32, Bytes.Floats(1, 2, 3, 4, 5, 6))
        .Tensor("w", "0", 0, [2, 3]);

    [Fact]
    public void A_crafted_archive_opens_with_its_tensor()
    {
        using var dir = new TempDir();
        var path = dir.File("pytorch_model.bin");
        OneMatrix().Write(path);
        using var reader = PickleCheckpointReader.Open(path);
        reader.ArchivePrefix.Should().Be("archive");
        reader.Info("w").Should().Be(new TensorInfo("w", Dtype.F32, new TensorShape(2, 3)));
        reader.ReadTensor("w").Should().Equal(Bytes.Floats(1, 2, 3, 4, 5, 6));
        reader.ReadRows("w", 1, 1).Should().Equal(Bytes.Floats(4, 5, 6));
        reader.SharedTensors.Should().BeEmpty();
    }

    [Theory]
    [InlineData(Dtype.F16)]
    [InlineData(Dtype.BF16)]
    [InlineData(Dtype.F64)]
    [InlineData(Dtype.I64)]
    [InlineData(Dtype.I32)]
    [InlineData(Dtype.I8)]
    [InlineData(Dtype.U8)]
    [InlineData(Dtype.Bool)]
    public void Each_storage_type_gives_its_dtype(Dtype dtype)
    {
        using var dir = new TempDir();
        var path = dir.File("pytorch_model.bin");
        var data = Bytes.Pattern(12 * dtype.ElementSize);
        new TorchCheckpointBuilder().Storage("0", dtype, data).Tensor("t", "0", 0, [3, 4]).Write(path);
        using var reader = PickleCheckpointReader.Open(path);
        reader.Info("t").Should().Be(new TensorInfo("t", dtype, new TensorShape(3, 4)));
        reader.ReadTensor("t").Should().Equal(data);
    }

    [Fact]
    public void Views_into_one_storage_read_their_own_elements_and_only_exact_aliases_are_shared()
    {
        using var dir = new TempDir();
        var path = dir.File("pytorch_model.bin");
        var halves = new byte[10 * 2];
        for (var i = 0; i < 10; i++) BinaryPrimitives.WriteHalfLittleEndian(halves.AsSpan(i * 2), (Half)i);
        new TorchCheckpointBuilder()
            .Storage("7", Dtype.F16, halves)
            .Tensor("embed", "7", 2, [2, 3])
            .Tensor("head", "7", 2, [2, 3])
            .Tensor("tail", "7", 8, [2])
            .Write(path);
        using var reader = PickleCheckpointReader.Open(path);
        var embed = reader.ReadTensor("embed");
        Enumerable.Range(0, 6).Select(i => (float)BinaryPrimitives.ReadHalfLittleEndian(embed.AsSpan(i * 2)))
            .Should().Equal(2, 3, 4, 5, 6, 7);
        var tail = reader.ReadTensor("tail");
        Enumerable.Range(0, 2).Select(i => (float)BinaryPrimitives.ReadHalfLittleEndian(tail.AsSpan(i * 2)))
            .Should().Equal(8, 9);
        reader.SharedTensors.Should().ContainSingle().Which.Should().Equal("embed", "head");
        reader.PickledTensors["tail"].Should().Match<PickledTensor>(t => t.StorageKey == "7" && t.StorageOffset == 8);
    }

    [Fact]
    public void A_zip64_archive_is_read_and_is_a_valid_zip()
    {
        using var dir = new TempDir();
        var path = dir.File("pytorch_model.bin");
        OneMatrix().Write(path, zip64: true);
        using (var zip = ZipFile.OpenRead(path))
            zip.Entries.Select(e => e.FullName).Should().Contain("archive/data/0");
        using var reader = PickleCheckpointReader.Open(path);
        reader.ReadTensor("w").Should().Equal(Bytes.Floats(1, 2, 3, 4, 5, 6));
    }

    [Fact]
    public void A_protocol_4_pickle_of_parameters_in_an_OrderedDict_is_understood()
    {
        // What torch.save(model.state_dict(), f, pickle_protocol=4) of nn.Parameters looks like: STACK_GLOBAL,
        // FRAME, MEMOIZE, SHORT_BINUNICODE, _rebuild_parameter and a BUILD of the OrderedDict's _metadata.
        using var dir = new TempDir();
        var path = dir.File("pytorch_model.bin");
        var p = new PickleBuilder().Proto(4).Frame(0)
            .StackGlobal("collections", "OrderedDict").Memoize() // memo 0
            .EmptyTuple().Reduce().Memoize()
            .Mark();
        foreach (var (name, offset) in new[] { ("first", 0L), ("second", 2L) })
        {
            p.ShortUnicode(name).Memoize()
                .StackGlobal("torch._utils", "_rebuild_parameter").Memoize()
                .StackGlobal("torch._utils", "_rebuild_tensor_v2").Memoize()
                .Mark()
                .Mark().ShortUnicode("storage").StackGlobal("torch", "BFloat16Storage").ShortUnicode(
                    "0").ShortUnicode("cpu").Int(4).Tuple().BinPersId()
                .Int(offset).IntTuple([2]).IntTuple([1]).NewFalse()
                .BinGet(0).EmptyTuple().Reduce()
                .Tuple().Reduce()
                .Op(0x88).BinGet(0).EmptyTuple().Reduce().Op(0x87) // (tensor, True, OrderedDict())
                .Reduce();
        }
        p.SetItems()
            .EmptyDict().ShortUnicode("_metadata").EmptyDict().Op('s').Op('b')
            .Stop();
        var storage = Bytes.Pattern(8);
        new TorchCheckpointBuilder().Storage("0", Dtype.BF16, storage).Write(path, pickle: p.ToArray());

        using var reader = PickleCheckpointReader.Open(path);
        reader.Tensors.Keys.Should().Equal("first", "second");
        reader.Info("second").Should().Be(new TensorInfo("second", Dtype.BF16, new TensorShape(2)));
        reader.ReadTensor("first").Should().Equal(storage[..4]);
        reader.ReadTensor("second").Should().Equal(storage[4..]);
    }

    [Fact]
    public void A_forbidden_global_is_refused_without_running_anything()
    {
        using var dir = new TempDir();
        var path = dir.File("pytorch_model.bin");
        var marker = dir.File("pwned");
        var evil = new PickleBuilder().Proto(2)
            .Global("os", "system").Mark().Unicode($"touch {marker}").Tuple().Reduce()
            .Stop().ToArray();
        OneMatrix().Write(path, pickle: evil);
        var act = () => PickleCheckpointReader.Open(path);
        act.Should().Throw<UnsafePickleException>()
            .WithMessage(
                $"{path}: data.pkl byte 2: the pickle refers to the global 'os.system', which is not one a weights " +
                "file needs*nothing was executed*");
        File.Exists(marker).Should().BeFalse();
    }

    [Theory]
    [InlineData("builtins", "eval")]
    [InlineData("torch", "load")]
    [InlineData("torch.storage", "TypedStorage")]
    [InlineData("__builtin__", "getattr")]
    public void Globals_outside_the_allowed_set_are_refused_by_STACK_GLOBAL_too(string module, string name)
    {
        using var dir = new TempDir();
        var path = dir.File("pytorch_model.bin");
        var evil = new PickleBuilder().Proto(4).StackGlobal(module, name).EmptyTuple().Reduce().Stop().ToArray();
        OneMatrix().Write(path, pickle: evil);
        var act = () => PickleCheckpointReader.Open(path);
        act.Should().Throw<UnsafePickleException>().WithMessage($"*the global '{module}.{name}'*");
    }

    [Theory]
    [InlineData('i', "0x69 ('i')")] // INST builds an arbitrary object
    [InlineData('o', "0x6f ('o')")] // OBJ
    [InlineData(0x82, "0x82 ('?')")] // EXT1 reaches the copyreg registry
    public void Object_building_opcodes_are_refused(int opcode, string shown)
    {
        using var dir = new TempDir();
        var path = dir.File("pytorch_model.bin");
        OneMatrix().Write(path, pickle: new PickleBuilder().Proto(2).Mark().Op((byte)opcode).Stop().ToArray());
        var act = () => PickleCheckpointReader.Open(path);
        act.Should().Throw<UnsafePickleException>().WithMessage(
            $"{path}: data.pkl byte 3: opcode {shown} is not one a weights file needs*");
    }

    [Fact]
    public void A_non_contiguous_tensor_is_refused_by_name()
    {
        using var dir = new TempDir();
        var path = dir.File("pytorch_model.bin");
        // A transposed view: size [3, 2] with the strides of the [2, 3] original.
        OneMatrix().Tensor("w_t", "0", 0, [3, 2], [1, 3]).Write(path);
        var act = () => PickleCheckpointReader.Open(path);
        act.Should().Throw<CheckpointFormatException>()
            .WithMessage($"{path}: tensor 'w_t': it is not contiguous (size [3, 2], stride [1, 3])*")
            .Which.Tensor.Should().Be("w_t");
    }

    [Fact]
    public void Size_one_dimensions_may_have_any_stride()
    {
        using var dir = new TempDir();
        var path = dir.File("pytorch_model.bin");
        OneMatrix().Tensor("row", "0", 3, [1, 3], [99, 1]).Write(path);
        using var reader = PickleCheckpointReader.Open(path);
        reader.ReadTensor("row").Should().Equal(Bytes.Floats(4, 5, 6));
    }

    [Fact]
    public void A_view_past_the_end_of_its_storage_is_refused()
    {
        using var dir = new TempDir();
        var path = dir.File("pytorch_model.bin");
        OneMatrix().Tensor("over", "0", 4, [3]).Write(path);
        var act = () => PickleCheckpointReader.Open(path);
        act.Should().Throw<CheckpointFormatException>()
            .WithMessage(
                $"{path}: tensor 'over': size [3] at element offset 4 runs past the end of its storage '0' (24 bytes)");
    }

    [Fact]
    public void A_storage_whose_bytes_disagree_with_the_pickle_is_refused()
    {
        using var dir = new TempDir();
        var path = dir.File("pytorch_model.bin");
        new TorchCheckpointBuilder().RawStorage("0", "FloatStorage", 8, Bytes.Floats(1, 2, 3, 4, 5, 6)).Tensor(
            "w", "0", 0, [2, 3]).Write(path);
        var act = () => PickleCheckpointReader.Open(path);
        act.Should().Throw<CheckpointFormatException>()
            .WithMessage(
                $"{path}: tensor 'w': its storage 'archive/data/0' has 24 bytes, but the pickle says 8 elements of " +
                "F32");
    }

    [Fact]
    public void A_missing_storage_is_refused()
    {
        using var dir = new TempDir();
        var path = dir.File("pytorch_model.bin");
        var pickle = OneMatrix().Pickle();
        new TorchCheckpointBuilder().Storage("1", Dtype.F32, Bytes.Floats(1, 2, 3, 4, 5, 6))
            .Write(path, pickle: pickle);
        var act = () => PickleCheckpointReader.Open(path);
        act.Should().Throw<CheckpointFormatException>().WithMessage(
            $"{path}: tensor 'w': its storage 'archive/data/0' is not in the archive");
    }

    [Fact]
    public void A_big_endian_archive_is_refused()
    {
        using var dir = new TempDir();
        var path = dir.File("pytorch_model.bin");
        OneMatrix().Extra("byteorder", "big").Write(path);
        var act = () => PickleCheckpointReader.Open(path);
        act.Should().Throw<CheckpointFormatException>().WithMessage($"{path}: the archive's byte order is 'big'*");
    }

    [Fact]
    public void A_little_endian_byteorder_record_is_accepted()
    {
        using var dir = new TempDir();
        var path = dir.File("pytorch_model.bin");
        OneMatrix().Extra("byteorder", "little").Write(path);
        using var reader = PickleCheckpointReader.Open(path);
        reader.Tensors.Should().ContainKey("w");
    }

    [Fact]
    public void The_legacy_format_and_non_zip_files_are_refused()
    {
        using var dir = new TempDir();
        var legacy = dir.File("legacy.bin");
        File.WriteAllBytes(legacy, [0x80, 0x02, 0x8a, 0x0a, 0x6c, 0xfc, 0x9c, 0x46]);
        var act = () => PickleCheckpointReader.Open(legacy);
        act.Should().Throw<CheckpointFormatException>().WithMessage($"{legacy}: this is the legacy torch.save format*");
        var text = dir.File("text.bin");
        File.WriteAllText(text, "hello");
        act = () => PickleCheckpointReader.Open(text);
        act.Should().Throw<CheckpointFormatException>().WithMessage($"{text}: not a torch.save zip archive");
    }

    [Fact]
    public void A_truncated_archive_is_refused()
    {
        using var dir = new TempDir();
        var path = dir.File("pytorch_model.bin");
        OneMatrix().Write(path);
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(bytes.Length - 30)]);
        var act = () => PickleCheckpointReader.Open(path);
        act.Should().Throw<CheckpointFormatException>().WithMessage($"{path}: no zip end-of-central-directory record*");
    }

    [Fact]
    public void A_pickle_that_is_not_a_state_dict_is_refused()
    {
        using var dir = new TempDir();
        var path = dir.File("pytorch_model.bin");
        var nested = new PickleBuilder().Proto(2).EmptyDict().Unicode("epoch").Int(3).Op('s').Stop().ToArray();
        OneMatrix().Write(path, pickle: nested);
        var act = () => PickleCheckpointReader.Open(path);
        act.Should().Throw<CheckpointFormatException>().WithMessage(
            $"{path}: tensor 'epoch': the state dict holds a value of type 'int', not a tensor");
        var truncated = new PickleBuilder().Proto(2).EmptyDict().ToArray();
        OneMatrix().Write(path, pickle: truncated);
        act.Should().Throw<CheckpointFormatException>().WithMessage(
            $"{path}: data.pkl byte 3: the pickle ends without a STOP opcode");
    }
}
