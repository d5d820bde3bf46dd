using System.Text.Json;
using VocabTrim.Checkpoints.Safetensors;
using VocabTrim.TestSupport;

namespace VocabTrim.Checkpoints.Tests;

/// <summary>
/// Reading and writing parts of a tensor along dimension 0: what vocabulary trimming does to embeddings.
/// </summary>
public class RowReadTests
{
    public static TheoryData<string, string> EmbeddingFiles => new()
    {
        { "mt5-tiny/model.safetensors", "shared.weight" },
        { "mt5-tiny/pytorch_model.bin", "lm_head.weight" },
        { "bloom-tiny/pytorch_model.bin", "lm_head.weight" },
        { "bloom-tiny/model.safetensors", "transformer.word_embeddings.weight" },
    };

    private static ICheckpoint Open(string file) =>
        Checkpoint.Open(Path.Combine(SharedData.Reference(file.Split('/')[0]), file.Split('/')[1]));

    private static long[] Kept(string model)
    {
        using var json = JsonDocument.Parse(
            File.ReadAllText(Path.Combine(SharedData.Reference(model), $"kept_{model}.json")));
        return json.RootElement.GetProperty("kept").EnumerateArray().Select(e => e.GetInt64()).ToArray();
    }

    [Theory]
    [MemberData(nameof(EmbeddingFiles))]
    public void A_row_range_is_the_matching_slice_of_the_whole_tensor(string file, string tensor)
    {
        using var checkpoint = Open(file);
        var whole = checkpoint.ReadTensor(tensor);
        var rowBytes = (int)checkpoint.Info(tensor).RowByteLength;
        rowBytes.Should().Be(64 * 4);
        checkpoint.ReadRows(tensor, 10, 5).Should().Equal(whole.AsSpan(10 * rowBytes, 5 * rowBytes).ToArray());
        checkpoint.ReadRows(tensor, 1023, 1).Should().Equal(whole.AsSpan(1023 * rowBytes).ToArray());
        checkpoint.ReadRows(tensor, 0, 0).Should().BeEmpty();
    }

    [Theory]
    [MemberData(nameof(EmbeddingFiles))]
    public void Gathering_the_kept_ids_takes_those_rows_in_kept_order(string file, string tensor)
    {
        var kept = Kept(file.Split('/')[0]);
        kept.Should().NotBeInAscendingOrder();
        using var checkpoint = Open(file);
        var whole = checkpoint.ReadTensor(tensor);
        var rowBytes = (int)checkpoint.Info(tensor).RowByteLength;
        var expected = kept.SelectMany(r => whole.AsSpan((int)r * rowBytes, rowBytes).ToArray()).ToArray();
        checkpoint.GatherRows(tensor, kept).Should().Equal(expected);
    }

    [Fact]
    public void Rows_outside_the_tensor_are_refused()
    {
        using var checkpoint = Open("mt5-tiny/model.safetensors");
        var range = () => checkpoint.ReadRows("shared.weight", 1020, 5);
        range.Should().Throw<ArgumentOutOfRangeException>().WithMessage(
            "rows [1020, 1025) are outside tensor 'shared.weight' [1024, 64]*");
        var gather = () => checkpoint.GatherRows("shared.weight", [3, 1024]);
        gather.Should().Throw<ArgumentOutOfRangeException>().WithMessage(
            "row 1024 is outside tensor 'shared.weight' [1024, 64]*");
        var negative = () => new SelectedRowsTensorSource(checkpoint, "shared.weight", [-1]);
        negative.Should().Throw<ArgumentOutOfRangeException>().WithMessage("row -1 is outside*");
        var wrongSize = () => checkpoint.ReadRows("shared.weight", 0, 2, new byte[100]);
        wrongSize.Should().Throw<ArgumentException>().WithMessage(
            "2 rows of 'shared.weight' are 512 bytes, the destination holds 100*");
    }

    [Fact]
    public void A_selected_rows_source_writes_a_trimmed_embedding()
    {
        var kept = Kept("mt5-tiny");
        using var dir = new TempDir();
        var path = dir.File("trimmed.safetensors");
        using (var checkpoint = Open("mt5-tiny/pytorch_model.bin"))
        {
            SafetensorsWriter.Write(path,
            [
                new SelectedRowsTensorSource(checkpoint, "shared.weight", kept),
                new SelectedRowsTensorSource(checkpoint, "lm_head.weight", kept),
                new CheckpointTensorSource(checkpoint, "encoder.final_layer_norm.weight"),
            ]);
        }
        using var original = Open("mt5-tiny/model.safetensors");
        using var trimmed = SafetensorsReader.Open(path);
        trimmed.Info("shared.weight").Shape.Should().Equal(kept.Length, 64);
        trimmed.Info("lm_head.weight").Shape.Should().Equal(kept.Length, 64);
        for (var i = 0; i < kept.Length; i++)
        {
            trimmed.ReadRows("shared.weight", i, 1).Should().Equal(
                original.ReadRows("shared.weight", kept[i], 1), $"new row {i} = old row {kept[i]}");
            trimmed.ReadRows("lm_head.weight", i, 1).Should().Equal(original.ReadRows("lm_head.weight", kept[i], 1));
        }
        trimmed.ReadTensor("encoder.final_layer_norm.weight").Should().Equal(
            original.ReadTensor("encoder.final_layer_norm.weight"));
    }

    [Fact]
    public void Streaming_rows_in_chunks_gives_the_same_bytes_as_one_gather()
    {
        // More rows than one copy buffer holds, repeats included, so the chunked path is exercised.
        using var checkpoint = Open("mt5-tiny/model.safetensors");
        var rows = Enumerable.Range(0, 40_000).Select(i => (long)(i * 7919 % 1024)).ToArray();
        var stream = new MemoryStream();
        checkpoint.CopyRowsTo("shared.weight", rows, stream);
        stream.ToArray().Should().Equal(checkpoint.GatherRows("shared.weight", rows));
    }
}
