using VocabTrim.Pipeline.Tests.Support;
using VocabTrim.Selection;
using VocabTrim.TestSupport;
using VocabTrim.Tokenizers.SentencePiece;
using VocabTrim.Trimming;

namespace VocabTrim.Pipeline.Tests.Trimming;

/// <summary>
/// Real models trimmed to a selection made from counts of the shared English and German samples, checked
/// with the reference SentencePiece on both sides.
/// </summary>
public class TrimmedEncodingTests
{
    public static TheoryData<string, string, int> Selections() => new()
    {
        { "unigram-ende-16k", "en:5000,de:5000", 500 },
        { "mt5-derived-32k", "en:2000,de:2000", 500 },
    };

    [Theory]
    [MemberData(nameof(Selections))]
    public void Sentences_whose_pieces_were_all_kept_encode_to_the_same_pieces_under_new_ids(string model, string quotas, int overall)
    {
        using var dir = new TempDir();
        var (reference, kept, trimmedPath) = SelectAndTrim(model, quotas, overall, dir);

        var newId = kept.Ids.Select((old, i) => (old, i)).ToDictionary(p => p.old, p => p.i);
        var original = reference.AllEncodings;
        var trimmed = ReferenceSentencePiece.EncodeLines(trimmedPath, reference.AllSentences);

        var covered = Enumerable.Range(0, original.Length).Where(s => original[s].All(newId.ContainsKey)).ToList();
        // The selection must leave some sentences with dropped pieces, or this test would not test trimming.
        covered.Count.Should().BeInRange(original.Length / 4, original.Length - 100);
        foreach (var s in covered)
            trimmed[s].Should().Equal(original[s].Select(id => newId[id]), $"sentence {s} uses only kept pieces: {reference.AllSentences[s]}");
    }

    [Theory]
    [MemberData(nameof(Selections))]
    public void With_byte_fallback_every_sentence_still_decodes_to_the_same_text(string model, string quotas, int overall)
    {
        using var dir = new TempDir();
        var (reference, kept, trimmedPath) = SelectAndTrim(model, quotas, overall, dir);

        var trimmed = ReferenceSentencePiece.EncodeLines(trimmedPath, reference.AllSentences);

        var ids = trimmed.SelectMany(s => s).ToList();
        (ids.Min(), ids.Max()).Should().Match<(int Min, int Max)>(r => r.Min >= 0 && r.Max < kept.Ids.Count);
        var expected = ReferenceSentencePiece.DecodeLines(reference.ModelPath, reference.AllEncodings);
        var actual = ReferenceSentencePiece.DecodeLines(trimmedPath, trimmed);
        // Compared one by one: a mismatch then names its sentence, and FluentAssertions is slow on long lists.
        for (var s = 0; s < expected.Length; s++) actual[s].Should().Be(expected[s], $"sentence {s} must survive trimming");
    }

    /// <summary>Selects with the reference counts of <paramref name="model"/> and writes the trimmed model into <paramref name="dir"/>.</summary>
    private static (ReferenceCounts Reference, KeptVocabulary Kept, string TrimmedPath) SelectAndTrim(string model, string quotas, int overall, TempDir dir)
    {
        var reference = ReferenceCounts.For(model);
        var kept = VocabularySelector.Select(reference.Vocabulary, [reference.Counts["en"], reference.Counts["de"]],
            LanguageQuota.ParseList(quotas), overall);
        var trimmedPath = dir.File("spiece.model");
        SentencePieceTrimmer.Trim(SentencePieceModel.Load(reference.ModelPath), kept.ToKeepList()).Model.Save(trimmedPath);
        return (reference, kept, trimmedPath);
    }
}
