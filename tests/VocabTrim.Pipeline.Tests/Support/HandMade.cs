using VocabTrim.Common;
using VocabTrim.Counting;
using VocabTrim.Tokenizers;

namespace VocabTrim.Pipeline.Tests.Support;

/// <summary>Small vocabularies and counts written out by hand, for exact expectations.</summary>
internal static class HandMade
{
    public const string Sha256 = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";

    public static TokenizerVocabulary Vocabulary(params (string Piece, PieceKind Kind)[] pieces) =>
        new(new TokenizerInfo("/hand/made.model", Sha256, "sentencepiece-unigram", pieces.Length),
            [.. pieces.Select(p => p.Piece)], [.. pieces.Select(p => p.Kind)]);

    public static LanguageCounts Counts(string language, params long[] counts) => new()
    {
        Language = language,
        Counts = counts,
        Sentences = 10,
        Tokens = counts.Sum(),
        Corpus = new CorpusInfo($"/corpora/{language}.txt", $"{language} test corpus", 1234, new string('a', 64)),
        Options = new CountingOptions(null, SkipMalformed: true, Format: "leipzig"),
        Counted = new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.Zero),
        ToolVersion = "0.0.0-test",
    };
}
