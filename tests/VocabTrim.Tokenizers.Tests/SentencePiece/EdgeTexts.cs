using VocabTrim.TestSupport;
using VocabTrim.Tokenizers.SentencePiece;

namespace VocabTrim.Tokenizers.Tests.SentencePiece;

/// <summary>Texts that stress normalization, whitespace handling, unknowns and byte fallback.</summary>
public static class EdgeTexts
{
    public static IReadOnlyList<string> All { get; } =
    [
        .. CommonEdgeTexts.All,
        "\t \t",
        "東京都は日本の首都です。北京欢迎你",
        "Full-width ＡＢＣ１２３ and ligature ﬁ ﬂ ㈱ ① ™",
        "No-break\u00a0space, zero\u200bwidth, soft\u00adhyphen, thin\u2009space",
        "Arabic: مرحبا بالعالم، كيف حالك؟ Hebrew: שלום",
        "Devanagari: नमस्ते दुनिया। ",
        "Math 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 𝟙𝟚𝟛 and ▁ literal ▁▁ pieces",
        "<sep> <mask> Corona und die 2020 <cls> ▁<extra_id_0> <extra_id_1>",
        "www www.www wwwww",
        "Line\rwith\rcarriage returns",
    ];

    public static void AssertAgreement(string model)
    {
        var expected = ReferenceSentencePiece.EncodeTexts(model, All);
        var tokenizer = SentencePieceTokenizer.Load(model);
        for (var i = 0; i < All.Count; i++)
            tokenizer.Encode(All[i]).Should().Equal(
                expected[i], $"edge text #{i} '{Shorten(All[i])}' must encode as the reference does");
    }

    private static string Shorten(string s) => s.Length > 60 ? s[..60] + "…" : s;
}
