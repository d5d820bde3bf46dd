using System.Text.Json.Nodes;
using VocabTrim.Common;
using VocabTrim.Counting;
using VocabTrim.Pipeline.Tests.Support;
using VocabTrim.Selection;
using VocabTrim.TestSupport;
using VocabTrim.Tokenizers;

namespace VocabTrim.Pipeline.Tests.Selection;

public class SentinelPolicyTests
{
    // id:                 0        1        2       3                  4                  5                  6
    private static readonly TokenizerVocabulary Vocabulary = HandMade.Vocabulary(
        ("<pad>", PieceKind.Control), ("<unk>", PieceKind.Unknown), ("<0x41>", PieceKind.Byte), ("a", PieceKind.Normal),
        ("▁<extra_id_2>", PieceKind.UserDefined), ("▁<extra_id_1>", PieceKind.UserDefined),
        ("<extra_id_0>", PieceKind.UserDefined),
        // Look-alikes that are not sentinels: the same text as an ordinary piece, a zero-padded number, another user
        // symbol.
        ("<extra_id_3>", PieceKind.Normal), ("▁<extra_id_01>", PieceKind.UserDefined),
            ("<sep>", PieceKind.UserDefined));
    //   7                                 8                                          9

    private static readonly LanguageCounts English = HandMade.Counts("en", 0, 1, 2, 5, 3, 0, 4, 6, 0, 0);

    private static KeptVocabulary Select(SpecialTokenPolicy? policy) =>
        VocabularySelector.Select(Vocabulary, [English], LanguageQuota.ParseList("en:2"), 0, policy);

    [Fact]
    public void By_default_every_sentinel_is_kept_as_before()
    {
        var kept = Select(null);

        kept.Ids.Should().Equal(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
        kept.Rule.SpecialTokens.Should().Be(SpecialTokenPolicy.All);
        kept.Totals.Should().Be(
            new SelectionTotals(
                10, 10, Specials: 8, ByQuotas: 2, OverallOnly: 0, OverallSelected: 0, SentinelsDropped: 0));
        kept.Notes.Should().BeEmpty();
    }

    [Fact]
    public void None_drops_the_sentinels_by_kind_and_text_and_keeps_every_other_special()
    {
        var kept = Select(SpecialTokenPolicy.None);

        kept.Ids.Should().Equal(0, 1, 2, 3, 7, 8, 9);
        kept.Totals.Should().Be(
            new SelectionTotals(
                10, 7, Specials: 5, ByQuotas: 2, OverallOnly: 0, OverallSelected: 0, SentinelsDropped: 3));
        // Dropped sentinels count as dropped tokens of the corpus: 3 + 4 of 21.
        kept.Languages.Single().KeptTokens.Should().Be(14);
        kept.Notes.Should().Equal("sentinels none: kept 0 of the tokenizer's 3 sentinel pieces, dropped 3");
    }

    [Fact]
    public void N_keeps_the_lowest_numbered_sentinels_wherever_they_are()
    {
        var kept = Select(SpecialTokenPolicy.KeepSentinels(2));

        kept.Pieces.Where(p => p.Special == PieceKind.UserDefined).Select(p => p.Piece)
            .Should().Equal("▁<extra_id_1>", "<extra_id_0>", "▁<extra_id_01>", "<sep>");
        kept.Totals.SentinelsDropped.Should().Be(1);
        kept.Totals.Specials.Should().Be(7);
    }

    [Fact]
    public void More_sentinels_than_the_tokenizer_has_keeps_them_all_and_says_so()
    {
        var kept = Select(SpecialTokenPolicy.KeepSentinels(100));

        kept.Ids.Should().Equal(Select(null).Ids);
        kept.Notes.Should().Equal("sentinels 100: the tokenizer has only 3 sentinel pieces; all of them are kept");
    }

    [Fact]
    public void A_tokenizer_without_sentinels_is_selected_as_with_all_and_the_notes_say_why()
    {
        // As BLOOM's tokenizer.json: control and byte tokens, no <extra_id_K>.
        var bloomLike = HandMade.Vocabulary(
            ("<unk>", PieceKind.Unknown), ("<s>", PieceKind.Control), ("a", PieceKind.Normal), ("b", PieceKind.Normal));
        var counts = HandMade.Counts("en", 0, 0, 3, 1);

        var none = VocabularySelector.Select(
            bloomLike, [counts], LanguageQuota.ParseList("en:1"), 0, SpecialTokenPolicy.None);
        var all = VocabularySelector.Select(bloomLike, [counts], LanguageQuota.ParseList("en:1"), 0);

        none.Ids.Should().Equal(all.Ids).And.Equal(0, 1, 2);
        none.Totals.SentinelsDropped.Should().Be(0);
        none.Notes.Should().ContainSingle().Which.Should().Contain("has no <extra_id_K> sentinel pieces")
            .And.Contain("changes nothing");
    }

    [Theory]
    [InlineData("all", null)]
    [InlineData("ALL", null)]
    [InlineData("none", 0)]
    [InlineData("0", 0)]
    [InlineData(" 7 ", 7)]
    public void Sentinel_policies_parse_as_the_recipe_spells_them(string text, int? sentinels) =>
        SpecialTokenPolicy.ParseSentinels(text).Sentinels.Should().Be(sentinels);

    [Theory]
    [InlineData("-1")]
    [InlineData("some")]
    [InlineData("1.5")]
    [InlineData("")]
    public void Anything_else_is_refused_with_the_accepted_spellings(string text) =>
        FluentActions.Invoking(() => SpecialTokenPolicy.ParseSentinels(text)).Should().Throw<SelectionException>()
            .WithMessage("*expected all, none or a whole number N*");

    [Theory]
    [InlineData("▁<extra_id_0>", 0)]
    [InlineData("<extra_id_99>", 99)]
    [InlineData("<extra_id_07>", null)]
    [InlineData("<extra_id_>", null)]
    [InlineData("▁▁<extra_id_1>", null)]
    [InlineData("<extra_id_1> ", null)]
    [InlineData("<extra_id_99999999999>", null)]
    public void Sentinels_are_recognised_by_their_text(string piece, int? number) =>
        SpecialTokenPolicy.SentinelNumber(piece).Should().Be(number);

    [Fact]
    public void The_policy_and_the_dropped_sentinels_are_recorded_in_keep_json_and_read_back()
    {
        using var dir = new TempDir();
        var kept = Select(SpecialTokenPolicy.KeepSentinels(2));

        KeepListFile.Write(dir.File("keep.json"), kept);
        var read = KeepListFile.Read(dir.File("keep.json"));

        var json = JsonNode.Parse(File.ReadAllText(dir.File("keep.json")))!;
        json["rule"]!["specialTokens"]!["sentinels"]!.GetValue<int>().Should().Be(2);
        json["totals"]!["sentinelsDropped"]!.GetValue<int>().Should().Be(1);
        read.Selection!.Rule.SpecialTokens.Should().Be(SpecialTokenPolicy.KeepSentinels(2));
        read.Selection.Should().BeEquivalentTo(kept, o => o.WithStrictOrdering());
    }

    [Fact]
    public void A_keep_json_written_before_the_policy_existed_reads_as_keeping_all_sentinels()
    {
        using var dir = new TempDir();
        KeepListFile.Write(dir.File("keep.json"), Select(null));
        var json = JsonNode.Parse(File.ReadAllText(dir.File("keep.json")))!.AsObject();
        json["rule"]!.AsObject().Remove("specialTokens").Should().BeTrue();
        json["totals"]!.AsObject().Remove("sentinelsDropped").Should().BeTrue();
        json.Remove("notes").Should().BeTrue();
        File.WriteAllText(dir.File("keep.json"), json.ToJsonString());

        var read = KeepListFile.Read(dir.File("keep.json"));

        read.Selection!.Rule.SpecialTokens.Should().Be(SpecialTokenPolicy.All);
        read.Selection.Totals.SentinelsDropped.Should().Be(0);
        read.Selection.Notes.Should().BeEmpty();
    }

    [Theory]
    [InlineData("\"some\"", "expected all, none or a whole number N")]
    [InlineData("-2", "must not be negative")]
    [InlineData("true", "expected \"all\", \"none\" or a whole number")]
    public void A_bad_policy_in_keep_json_is_an_error_naming_its_place(string value, string message)
    {
        using var dir = new TempDir();
        KeepListFile.Write(dir.File("keep.json"), Select(null));
        var json = JsonNode.Parse(File.ReadAllText(dir.File("keep.json")))!;
        json["rule"]!["specialTokens"] = JsonNode.Parse($"{{\"sentinels\": {value}}}");
        File.WriteAllText(dir.File("keep.json"), json.ToJsonString());

        FluentActions.Invoking(() => KeepListFile.Read(dir.File("keep.json"))).Should().Throw<DataFileException>()
            .WithMessage($"*keep.json*$.rule.specialTokens*{message}*");
    }
}
