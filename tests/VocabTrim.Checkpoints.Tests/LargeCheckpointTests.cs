using System.Buffers.Binary;
using System.Text;
using VocabTrim.Checkpoints.Pickle;
using VocabTrim.Checkpoints.Safetensors;
using VocabTrim.Checkpoints.Tests.Support;
using VocabTrim.TestSupport;

namespace VocabTrim.Checkpoints.Tests;

/// <summary>
/// Checkpoints at the real sizes of the big models, as sparse files (the holes cost no disk): a bloomz-176B
/// embedding of 250,880 × 14,336 bf16 (7.2 GB, 3.6 G elements) with tensors past 2³¹ and 2³² bytes, read and
/// sliced by row without ever allocating the tensor.
/// </summary>
public class LargeCheckpointTests
{
    private const long Vocab = 250_880, Hidden = 14_336;
    private const long RowBytes = Hidden * 2;
    private const long EmbeddingBytes = Vocab * RowBytes;  // 7,193,231,360

    // Rows whose bytes start below 2³¹, between 2³¹ and 2³², and past 2³² (row 149,797 starts at 4,294,979,584).
    private static readonly long[] MarkedRows = [0, 80_000, 149_797, Vocab - 1];

    private static byte[] Marker(long row) => Bytes.Pattern((int)RowBytes, (int)(row % 1000) + 7);

    private static readonly byte[] AfterBytes = Bytes.Floats(1.5f, -2, 3, 4.25f);

    [Fact]
    public void A_safetensors_file_with_offsets_past_4_GB_reads_rows_and_slices_without_allocating_the_tensor()
    {
        using var dir = new TempDir();
        var path = dir.File("model.safetensors");
        var header = Encoding.UTF8.GetBytes(
            $$$"""{"__metadata__":{"format":"pt"},"word_embeddings.weight":{"dtype":"BF16","shape":""" +
            $$$"""[{{{Vocab}}},{{{Hidden}}}],"data_offsets":[0,{{{EmbeddingBytes}}}]},"ln_f.weight":""" +
            $$$"""{"dtype":"F32","shape":[4],"data_offsets":[{{{EmbeddingBytes}}},{{{EmbeddingBytes + 16}}}]}}""");
        var padded = header.Concat(Enumerable.Repeat((byte)' ', (8 - header.Length % 8) % 8)).ToArray();
        var dataStart = 8 + padded.Length;
        using (var file = new FileStream(path, FileMode.CreateNew))
        {
            var length = new byte[8];
            BinaryPrimitives.WriteUInt64LittleEndian(length, (ulong)padded.Length);
            file.Write(length);
            file.Write(padded);
            file.SetLength(dataStart + EmbeddingBytes + 16);
            foreach (var row in MarkedRows)
            {
                file.Position = dataStart + row * RowBytes;
                file.Write(Marker(row));
            }
            file.Position = dataStart + EmbeddingBytes;
            file.Write(AfterBytes);
        }

        using var reader = SafetensorsReader.Open(path);
        reader.Info("word_embeddings.weight").ByteLength.Should().Be(EmbeddingBytes);
        reader.Info("word_embeddings.weight").ElementCount.Should().Be(3_596_615_680);
        CheckRowsAndSlice(reader, dir);
    }

    [Fact]
    public void A_zip64_pickle_whose_storage_passes_4_GB_reads_rows_tied_names_and_the_storage_after_it()
    {
        using var dir = new TempDir();
        var path = dir.File("pytorch_model.bin");
        new TorchCheckpointBuilder()
            .SparseStorage("0", Dtype.BF16, Vocab * Hidden, [.. MarkedRows.Select(r => (r * RowBytes, Marker(r)))])
            .Storage("1", Dtype.F32, AfterBytes)
            .Tensor("word_embeddings.weight", "0", 0, [Vocab, Hidden])
            .Tensor("lm_head.weight", "0", 0, [Vocab, Hidden])
            .Tensor("ln_f.weight", "1", 0, [4])
            .Write(path);
        new FileInfo(path).Length.Should().BeGreaterThan(EmbeddingBytes);

        using var reader = PickleCheckpointReader.Open(path);
        reader.SharedTensors.Should().ContainSingle().Which.Should().Equal("word_embeddings.weight", "lm_head.weight");
        reader.ReadRows("lm_head.weight", Vocab - 1, 1).Should().Equal(Marker(Vocab - 1));
        CheckRowsAndSlice(reader, dir);
    }

    [Fact]
    public void A_pickle_written_with_every_zip64_record_is_a_valid_zip_that_reads_back()
    {
        using var dir = new TempDir();
        var path = dir.File("pytorch_model.bin");
        var data = Bytes.Pattern(6 * 4);
        TorchSaveWriter.Write(
            path, [new BytesTensorSource(new TensorInfo("w", Dtype.F32, new TensorShape(2, 3)), data)], null,
            forceZip64: true);
        ExternalTool.Run(
            "python3",
            ["-c",
                "import sys, zipfile; z = zipfile.ZipFile(sys.argv[1]); print(z.testzip(), " +
                "len(z.read('archive/data/0')))", path])
            .Trim().Should().Be("None 24");
        using var reader = PickleCheckpointReader.Open(path);
        reader.ReadTensor("w").Should().Equal(data);
    }

    private static void CheckRowsAndSlice(ICheckpoint checkpoint, TempDir dir)
    {
        const string name = "word_embeddings.weight";
        var before = GC.GetAllocatedBytesForCurrentThread();
        foreach (var row in MarkedRows) checkpoint.ReadRows(name, row, 1).Should().Equal(Marker(row));
        checkpoint.ReadTensor("ln_f.weight").Should().Equal(AfterBytes);

        // Trimming's access pattern: the kept rows, in keep order, streamed into a new file.
        long[] kept = [Vocab - 1, 0, 149_797, 80_000];
        var slim = dir.File("slim.safetensors");
        SafetensorsWriter.Write(
            slim,
            [new SelectedRowsTensorSource(checkpoint, name, kept),
                new CheckpointTensorSource(checkpoint, "ln_f.weight")]);
        (GC.GetAllocatedBytesForCurrentThread() - before).Should().BeLessThan(
            32L << 20, "rows are streamed, the 7.2 GB tensor is never held");

        using var written = SafetensorsReader.Open(slim);
        written.Info(name).Shape.Should().Equal(4, Hidden);
        for (var i = 0; i < kept.Length; i++) written.ReadRows(name, i, 1).Should().Equal(Marker(kept[i]));
        written.ReadTensor("ln_f.weight").Should().Equal(AfterBytes);

        var whole = () => checkpoint.ReadTensor(name);
        whole.Should().Throw<InvalidOperationException>().WithMessage("*7,193,231,360 bytes*row ranges*");
    }
}
