using VocabTrim.Counting;
using VocabTrim.Pipeline.Tests.Support;
using VocabTrim.Selection;
using VocabTrim.Tokenizers;

namespace VocabTrim.Pipeline.Tests.Selection;

public class VocabularySelectorTests
{
    // id:                 0        1        2        3       4    5    6    7    8    9    10                11
    private static readonly TokenizerVocabulary Vocabulary = HandMade.Vocabulary(
        ("<pad>", PieceKind.Control), ("</s>", PieceKind.Control), ("<unk>", PieceKind.Unknown),
        ("<0x41>", PieceKind.Byte), ("a", PieceKind.Normal), ("b", PieceKind.Normal), ("c", PieceKind.Normal),
        ("d", PieceKind.Normal), ("e", PieceKind.Normal), ("f", PieceKind.Normal),
        ("▁<extra_id_0>", PieceKind.UserDefined), ("g", PieceKind.Normal));

    // The byte piece and <unk> are frequent in English: were specials ranked, they would take its quota.
    private static readonly LanguageCounts English = HandMade.Counts("en", 0, 0, 3, 50, 5, 9, 5, 0, 1, 0, 0, 2);
    private static readonly LanguageCounts German = HandMade.Counts("de", 0, 0, 0, 0, 0, 1, 4, 7, 7, 3, 0, 0);

    private static KeptVocabulary Select(string quotas, int overall) =>
        VocabularySelector.Select(Vocabulary, [English, German], LanguageQuota.ParseList(quotas), overall);

    [Fact]
    public void Keeps_specials_the_top_pieces_of_each_language_and_the_overall_top()
    {
        // en ranks b(9), a(5), c(5): the tie between a and c goes to the lower id. de ranks d(7), e(7), c(4).
        // Summed: b 10, c 9, e 8, d 7, a 5 → the overall top 3 adds c.
        var kept = Select("en:2,de:2", overall: 3);

        kept.Ids.Should().Equal(0, 1, 2, 3, 4, 5, 6, 7, 8, 10);
        kept.Pieces.Select(p => (p.Piece, p.Special, string.Join("+", p.Top), p.Overall)).Should().Equal(
            ("<pad>", PieceKind.Control, "", false),
            ("</s>", PieceKind.Control, "", false),
            ("<unk>", PieceKind.Unknown, "", false),
            ("<0x41>", PieceKind.Byte, "", false),
            ("a", null, "en", false),
            ("b", null, "en", true),
            ("c", null, "", true),
            ("d", null, "de", false),
            ("e", null, "de", true),
            ("▁<extra_id_0>", PieceKind.UserDefined, "", false));
        kept.Pieces.Single(p => p.Piece == "c").Counts.Should().Equal(
            new Dictionary<string, long> { ["en"] = 5, ["de"] = 4 });
        kept.Totals.Should().Be(
            new SelectionTotals(
                TokenizerPieces: 12, Kept: 10, Specials: 5, ByQuotas: 4, OverallOnly: 1, OverallSelected: 3));
        kept.Shortfalls().Should().BeEmpty();
    }

    [Fact]
    public void Coverage_is_the_share_of_each_language_s_tokens_that_kept_pieces_account_for()
    {
        var kept = Select("en:2,de:2", overall: 3);

        // en: 75 tokens, of which f (0) and g (2) are dropped. de: 22 tokens, f (3) dropped.
        kept.Languages.Should().Equal(
            new LanguageCoverage(
                "en", Quota: 2, Selected: 2, Available: 5, Tokens: 75, KeptTokens: 73, Coverage: 73.0 / 75),
            new LanguageCoverage(
                "de", Quota: 2, Selected: 2, Available: 5, Tokens: 22, KeptTokens: 19, Coverage: 19.0 / 22));
    }

    [Fact]
    public void Ties_go_to_the_higher_count_then_the_lower_id()
    {
        // en:1 must choose b (9) over a and c (5); en:2 must choose a (id 4) over c (id 6).
        Select("en:1", 0).Ids.Where(id => Vocabulary.KindOf(id) == PieceKind.Normal).Should().Equal(5);
        Select("en:2", 0).Ids.Where(id => Vocabulary.KindOf(id) == PieceKind.Normal).Should().Equal(4, 5);
        // de: d and e tie at 7; d has the lower id.
        Select("de:1", 0).Ids.Where(id => Vocabulary.KindOf(id) == PieceKind.Normal).Should().Equal(7);
    }

    [Fact]
    public void Pieces_that_never_occurred_are_not_selected_and_a_short_quota_is_reported()
    {
        var kept = Select("de:10", overall: 100);

        // a and g never occur in German; overall sums de only, so they stay out too.
        kept.Ids.Should().Equal(0, 1, 2, 3, 5, 6, 7, 8, 9, 10);
        kept.Languages.Single().Should().Be(new LanguageCoverage("de", 10, 5, 5, 22, 22, 1.0));
        kept.Totals.OverallSelected.Should().Be(5);
        kept.Shortfalls().Should().Equal(
            "de: asked for 10 pieces but only 5 occurred in its corpus; all of them are kept",
            "overall: asked for 100 pieces but only 5 occurred in the corpora; all of them are kept");
    }

    [Fact]
    public void A_language_without_counts_is_an_error()
    {
        var act = () => Select("en:2,fr:5", 0);
        act.Should().Throw<SelectionException>().WithMessage("no counts for 'fr' (counted: en, de)");
    }

    [Fact]
    public void Counts_for_another_vocabulary_size_are_an_error()
    {
        var act = () => VocabularySelector.Select(Vocabulary, [HandMade.Counts("en", 1, 2, 3)],
            LanguageQuota.ParseList("en:1"), 0);
        act.Should().Throw<SelectionException>().WithMessage(
            "the counts of 'en' have 3 entries, the tokenizer has 12 pieces");
    }

    [Fact]
    public void A_negative_overall_is_an_error()
    {
        var act = () => Select("en:1", -1);
        act.Should().Throw<SelectionException>().WithMessage("*must not be negative*");
    }
}
