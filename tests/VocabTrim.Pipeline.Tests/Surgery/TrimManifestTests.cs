using VocabTrim.Common;
using System.Text.Json.Nodes;
using VocabTrim.Counting;
using VocabTrim.Selection;
using VocabTrim.Surgery;
using VocabTrim.TestSupport;

namespace VocabTrim.Pipeline.Tests.Surgery;

/// <summary>
/// vocabtrim.json has one record type: what trimming writes reads back to the same record and the same bytes.
/// </summary>
public sealed class TrimManifestTests
{
    private static string Mt5Tiny => SharedData.Reference("mt5-tiny");

    [Fact]
    public void The_written_file_reads_back_to_the_record_trimming_returned_and_to_the_same_bytes()
    {
        using var dir = new TempDir();
        var keep = KeepListFile.Read(Path.Combine(Mt5Tiny, "kept_mt5-tiny.json"));

        var report = ModelTrimmer.Trim(Mt5Tiny, keep, dir.File("slim"));

        var path = dir.File($"slim/{TrimManifest.FileName}");
        var read = TrimManifest.Read(path);
        read.ToBytes().Should().Equal(File.ReadAllBytes(path));
        read.ToBytes().Should().Equal(report.Manifest!.ToBytes());
        read.KeepList.Ids.Should().Equal(keep.Ids);
        read.Source.Files.Keys.Should().BeInAscendingOrder(StringComparer.Ordinal);
        read.Source.Files["model.safetensors"].Sha256.Should().Be(
            FileDigest.Of(Path.Combine(Mt5Tiny, "model.safetensors")).Sha256);
    }

    [Fact]
    public void A_damaged_file_is_one_line_naming_the_file_the_line_and_the_json_path()
    {
        using var dir = new TempDir();
        ModelTrimmer.Trim(Mt5Tiny, KeepListFile.Read(Path.Combine(Mt5Tiny, "kept_mt5-tiny.json")), dir.File("slim"));
        var path = dir.File($"slim/{TrimManifest.FileName}");
        var json = JsonNode.Parse(File.ReadAllText(path))!;
        json["keep_list"]!["ids"]![3] = "x";
        File.WriteAllText(path, json.ToJsonString());

        var read = () => TrimManifest.Read(path);

        read.Should().Throw<DataFileException>().Which.Message.Should().StartWith(
            $"{path}: line 1, $.keep_list.ids[3]: ")
            .And.NotContain("\n");
    }
}
