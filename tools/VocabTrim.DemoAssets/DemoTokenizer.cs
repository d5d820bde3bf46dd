using VocabTrim.Counting;
using VocabTrim.Selection;
using VocabTrim.Tokenizers.SentencePiece;
using PieceType = VocabTrim.Tokenizers.SentencePiece.Proto.ModelProto.Types.SentencePiece.Types.Type;

namespace VocabTrim.DemoAssets;

/// <summary>
/// The demo's <c>spiece.model</c>: the real mT5-derived model cut down by vocabtrim's own stages — counted on
/// both shared samples (all 10,000 sentences each), top en 3,000 + de 4,000 + overall 1,000 selected, trimmed —
/// so it keeps mT5's layout, scores and normalizer.
/// </summary>
public static class DemoTokenizer
{
    public static IReadOnlyList<LanguageQuota> Quotas { get; } = [new("en", 3000), new("de", 4000)];
    public const int Overall = 1000;

    /// <summary>mT5's layout: 0 pad, 1 eos, 2 unk, 3–258 the byte pieces, 259 ▁, the 100 sentinels last.</summary>
    public const int Sentinels = 100;

    public static (SentencePieceModel Model, KeptVocabulary Selection) Make(
        string spiecePath, IReadOnlyList<(string Language, string Corpus)> corpora)
    {
        var model = SentencePieceModel.Load(spiecePath);
        var counter = new CorpusCounter(SentencePieceTokenizer.FromModel(model));
        var options = new CountingOptions(
            MaxSentences: null, SkipMalformed: false, Format: CorpusCounter.LeipzigFormat);
        var counts = corpora.Select(c => counter.Count(c.Language, c.Corpus, options)).ToList();
        var selection = VocabularySelector.Select(TokenizerVocabulary.Of(model, spiecePath), counts, Quotas, Overall);
        var keep = selection.ToKeepList();
        var trimmed = SentencePieceTrimmer.Trim(model, keep.Ids, keep.TokenizerSha256).Model;
        CheckMt5Layout(trimmed);
        return (trimmed, selection);
    }

    private static void CheckMt5Layout(SentencePieceModel model)
    {
        var pieces = model.Proto.Pieces;
        void Expect(bool ok, string what)
        {
            if (!ok) throw new DemoAssetsException($"the trimmed spiece.model does not have mT5's layout: {what}");
        }
        Expect(pieces[0].Piece == "<pad>" && pieces[1].Piece == "</s>" && pieces[2].Piece == "<unk>",
            "ids 0, 1, 2 must be <pad>, </s>, <unk>");
        Expect(Enumerable.Range(3, 256)
                .All(i => pieces[i].Type == PieceType.Byte && pieces[i].Piece == $"<0x{i - 3:X2}>"),

            "ids 3–258 must be <0x00>…<0xFF>");
        Expect(pieces[259].Piece == "\u2581", "id 259 must be ▁");
        Expect(pieces.Skip(pieces.Count - Sentinels).All(p => p.Type == PieceType.UserDefined)
            && pieces.Take(pieces.Count - Sentinels).All(p => p.Type != PieceType.UserDefined),
            $"the last {Sentinels} pieces, and only they, must be the sentinels");
    }
}
