using VocabTrim.Pipeline.Tests.Support;
using VocabTrim.Selection;
using VocabTrim.TestSupport;
using VocabTrim.Tokenizers.SentencePiece;

namespace VocabTrim.Pipeline.Tests.Trimming;

/// <summary>
/// Real models trimmed to a selection made from counts of the shared English and German samples, checked
/// with the reference SentencePiece on both sides.
/// </summary>
public class TrimmedEncodingTests
{
    public static TheoryData<string, string, int, string> Selections() => new()
    {
        { "unigram-ende-16k", "en:5000,de:5000", 500, "all" },
        { "mt5-derived-32k", "en:2000,de:2000", 500, "all" },
        // mT5's 100 user-defined sentinels left out: the trimmed model must still load and encode as before.
        { "mt5-derived-32k", "en:2000,de:2000", 500, "none" },
        { "mt5-derived-32k", "en:2000,de:2000", 500, "3" },
    };

    [Theory]
    [MemberData(nameof(Selections))]
    public void Sentences_whose_pieces_were_all_kept_encode_to_the_same_pieces_under_new_ids(
        string model, string quotas, int overall, string sentinels)
    {
        using var dir = new TempDir();
        var (reference, kept, trimmedPath) = SelectAndTrim(model, quotas, overall, sentinels, dir);

        var newId = kept.Ids.Select((old, i) => (old, i)).ToDictionary(p => p.old, p => p.i);
        var original = reference.AllEncodings;
        var trimmed = ReferenceSentencePiece.EncodeLines(trimmedPath, reference.AllSentences);

        var covered = Enumerable.Range(0, original.Length).Where(s => original[s].All(newId.ContainsKey)).ToList();
        // The selection must leave some sentences with dropped pieces, or this test would not test trimming.
        covered.Count.Should().BeInRange(original.Length / 4, original.Length - 100);
        foreach (var s in covered)
            trimmed[s].Should().Equal(
                original[s].Select(id => newId[id]),
                $"sentence {s} uses only kept pieces: {reference.AllSentences[s]}");
    }

    [Theory]
    [MemberData(nameof(Selections))]
    public void With_byte_fallback_every_sentence_still_decodes_to_the_same_text(
        string model, string quotas, int overall, string sentinels)
    {
        using var dir = new TempDir();
        var (reference, kept, trimmedPath) = SelectAndTrim(model, quotas, overall, sentinels, dir);

        var trimmed = ReferenceSentencePiece.EncodeLines(trimmedPath, reference.AllSentences);

        var ids = trimmed.SelectMany(s => s).ToList();
        (ids.Min(), ids.Max()).Should().Match<(int Min, int Max)>(r => r.Min >= 0 && r.Max < kept.Ids.Count);
        var expected = ReferenceSentencePiece.DecodeLines(reference.ModelPath, reference.AllEncodings);
        var actual = ReferenceSentencePiece.DecodeLines(trimmedPath, trimmed);
        // Compared one by one: a mismatch then names its sentence, and FluentAssertions is slow on long lists.
        for (var s = 0; s < expected.Length; s++)
            actual[s].Should().Be(expected[s], $"sentence {s} must survive trimming");
    }

    /// <summary>
    /// Selects with the reference counts of <paramref name="model"/> and writes the trimmed model into
    /// <paramref name="dir"/>.
    /// </summary>
    [Fact]
    public void Sentinels_the_policy_drops_are_not_in_the_trimmed_model_and_kept_ones_still_encode_as_themselves()
    {
        using var dir = new TempDir();
        var (reference, kept, trimmedPath) = SelectAndTrim("mt5-derived-32k", "en:2000,de:2000", 500, "3", dir);

        var sentinels = Enumerable.Range(0, reference.Vocabulary.Count)
            .Where(id => SpecialTokenPolicy.SentinelNumber(reference.Vocabulary.PieceAt(id)) != null).ToList();
        sentinels.Should().HaveCount(100, "the shared mt5-derived model ends with mT5's 100 sentinels");
        var trimmed = SentencePieceModel.Load(trimmedPath).Proto.Pieces.Select(p => p.Piece).ToList();
        trimmed.Where(p => SpecialTokenPolicy.SentinelNumber(p) != null).Should().BeEquivalentTo(
            "▁<extra_id_2>", "▁<extra_id_1>", "▁<extra_id_0>");
        kept.Totals.SentinelsDropped.Should().Be(97);

        // A kept sentinel is still one user-defined piece; a dropped one is now ordinary text.
        var text = "a <extra_id_1> b <extra_id_5>";
        var original = ReferenceSentencePiece.EncodeLines(reference.ModelPath, [text]).Single();
        var slim = ReferenceSentencePiece.EncodeLines(trimmedPath, [text]).Single();
        slim.Should().Contain(trimmed.IndexOf("▁<extra_id_1>"));
        original.Should().Contain(reference.Vocabulary.Count - 6, "▁<extra_id_5> is the sixth piece from the end");
        ReferenceSentencePiece.DecodeLines(trimmedPath, [slim]).Single().Should().Be(
            ReferenceSentencePiece.DecodeLines(reference.ModelPath, [original]).Single());
    }

    private static (ReferenceCounts Reference, KeptVocabulary Kept, string TrimmedPath) SelectAndTrim(
        string model, string quotas, int overall,
        string sentinels, TempDir dir)
    {
        var reference = ReferenceCounts.For(model);
        var kept = VocabularySelector.Select(reference.Vocabulary, [reference.Counts["en"], reference.Counts["de"]],
            LanguageQuota.ParseList(quotas), overall, SpecialTokenPolicy.ParseSentinels(sentinels));
        var trimmedPath = dir.File("spiece.model");
        var keep = kept.ToKeepList();
        SentencePieceTrimmer.Trim(SentencePieceModel.Load(reference.ModelPath), keep.Ids, keep.TokenizerSha256)
            .Model.Save(trimmedPath);
        return (reference, kept, trimmedPath);
    }
}
