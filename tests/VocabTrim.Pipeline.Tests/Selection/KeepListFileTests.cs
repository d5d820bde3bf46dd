using System.Text.Json;
using VocabTrim.Common;
using VocabTrim.Pipeline.Tests.Support;
using VocabTrim.Selection;
using VocabTrim.TestSupport;
using VocabTrim.Tokenizers;

namespace VocabTrim.Pipeline.Tests.Selection;

public class KeepListFileTests
{
    private static KeptVocabulary HandMadeSelection()
    {
        var vocabulary = HandMade.Vocabulary(("<unk>", PieceKind.Unknown), ("a,\"b\"", PieceKind.Normal),
            ("▁c", PieceKind.Normal), ("▁<extra_id_0>", PieceKind.UserDefined), ("d", PieceKind.Normal));
        return VocabularySelector.Select(vocabulary,
            [HandMade.Counts("en", 1, 5, 0, 0, 2), HandMade.Counts("de", 0, 1, 9, 0, 0)],
            LanguageQuota.ParseList("en:1,de:1"), overall: 3);
    }

    [Fact]
    public void A_keep_list_reads_back_as_it_was_written()
    {
        using var dir = new TempDir();
        var kept = HandMadeSelection();

        KeepListFile.Write(dir.File("keep.json"), kept);
        var read = KeepListFile.Read(dir.File("keep.json"));

        read.Ids.Should().Equal(0, 1, 2, 3, 4);
        read.TokenizerSha256.Should().Be(HandMade.Sha256);
        read.Selection.Should().BeEquivalentTo(kept, o => o.WithStrictOrdering());
    }

    [Fact]
    public void The_file_names_the_tokenizer_the_rule_and_why_each_piece_was_kept()
    {
        using var dir = new TempDir();
        KeepListFile.Write(dir.File("keep.json"), HandMadeSelection());

        var lines = File.ReadAllLines(dir.File("keep.json"));
        using var json = JsonDocument.Parse(string.Join("\n", lines));
        var root = json.RootElement;
        root.GetProperty("format").GetString().Should().Be("vocabtrim-keep");
        root.GetProperty("tokenizer").GetProperty("sha256").GetString().Should().Be(HandMade.Sha256);
        root.GetProperty("rule").GetProperty("quotas")[1].GetProperty("language").GetString().Should().Be("de");
        root.GetProperty("rule").GetProperty("overall").GetInt32().Should().Be(3);
        root.GetProperty("totals").GetProperty("specials").GetInt32().Should().Be(2);
        root.GetProperty("languages")[0].GetProperty("coverage").GetDouble().Should().Be(1.0);
        // One line per piece, readable as it is.
        lines.Should().Contain("""  "kept": [0,1,2,3,4],""");
        lines.Should().Contain(
            """    {"id":0,"piece":"<unk>","top":[],"overall":false,"counts":{"en":1,"de":0},"special":"unknown"},""");
        lines.Should().Contain(
            """    {"id":1,"piece":"a,\"b\"","top":["en"],"overall":true,"counts":{"en":5,"de":1}},""");
        lines.Should().Contain("""    {"id":2,"piece":"▁c","top":["de"],"overall":true,"counts":{"en":0,"de":9}},""");
        lines.Should().Contain("""    {"id":4,"piece":"d","top":[],"overall":true,"counts":{"en":2,"de":0}}""");
    }

    [Fact]
    public void The_shared_reference_list_reads_in_its_own_order_without_a_tokenizer()
    {
        var read = KeepListFile.Read(Path.Combine(SharedData.Reference("mt5-tiny"), "kept_mt5-tiny.json"));

        read.Ids.Should().HaveCount(373).And.StartWith([0, 1, 2, 3, 617, 601, 194, 835]);
        read.Ids.Where(id => id >= 1000).Should().Equal(1022, 1001, 1009, 1018, 1023, 1014);
        read.TokenizerSha256.Should().BeNull();
        read.Selection.Should().BeNull();
    }

    [Fact]
    public void A_plain_array_of_ids_is_a_keep_list()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("ids.json"), "[5, 0, 2, 1]");

        KeepListFile.Read(dir.File("ids.json")).Ids.Should().Equal(5, 0, 2, 1);
    }

    [Theory]
    [InlineData("[0, 1, \"2\"]", "$[2]: expected a whole-number id, found \"2\"")]
    [InlineData("[0, 1.5]", "$[1]: expected a whole-number id, found 1.5")]
    [InlineData("{\"kept\": [0, 3, -1]}", "$.kept[2] = -1: ids cannot be negative")]
    [InlineData("{\"kept\": [0, 3, 7, 3]}", "$.kept[3] = 3: the id is already kept at $.kept[1]")]
    [InlineData("{\"kept\": 5}", "$.kept: expected an array of ids, found number")]
    [InlineData("[]", "$ is empty: a keep list must keep at least the unknown piece")]
    [InlineData("{\"ids\": [1]}", "$: expected a JSON array of ids, an object with a \"kept\" array*")]
    [InlineData("[0, 1,\n 2", "line 2, column *: malformed JSON: *")]
    [InlineData("root:x:0:0:root", "line 1, column 1: malformed JSON: 'r' is an invalid start of a value.")]
    public void Bad_keep_lists_are_refused_naming_the_file_and_the_place(string content, string message)
    {
        using var dir = new TempDir();
        var path = dir.File("keep.json");
        File.WriteAllText(path, content);

        var act = () => KeepListFile.Read(path);
        act.Should().Throw<DataFileException>().WithMessage($"{path}: {message}");
    }

    [Fact]
    public void A_vocabtrim_keep_list_whose_pieces_disagree_with_its_ids_is_refused()
    {
        using var dir = new TempDir();
        var path = dir.File("keep.json");
        KeepListFile.Write(path, HandMadeSelection());
        File.WriteAllText(path, File.ReadAllText(path).Replace("\"kept\": [0,1,2,3,4]", "\"kept\": [0,1,2,4,3]"));

        var act = () => KeepListFile.Read(path);
        act.Should().Throw<DataFileException>().WithMessage($"{path}: $.pieces[3].id is 3 but $.kept[3] is 4");
    }

    [Fact]
    public void A_missing_member_of_a_vocabtrim_keep_list_is_named_by_its_path()
    {
        using var dir = new TempDir();
        var path = dir.File("keep.json");
        KeepListFile.Write(path, HandMadeSelection());
        File.WriteAllText(path, File.ReadAllText(path).Replace("\"overall\": 3", "\"overall\": \"three\""));

        var act = () => KeepListFile.Read(path);
        act.Should().Throw<DataFileException>().WithMessage($"{path}: line *, $.rule.overall: expected a whole number");
    }
}
