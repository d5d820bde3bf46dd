using VocabTrim.TestSupport;
using VocabTrim.Tokenizers.SentencePiece;

namespace VocabTrim.Tokenizers.Tests.SentencePiece;

/// <summary>Texts that stress normalization, whitespace handling, unknowns and byte fallback.</summary>
public static class EdgeTexts
{
    public static IReadOnlyList<string> All { get; } = Build();

    private static List<string> Build()
    {
        var random = new Random(20261123);
        var letters = "abcdefghijklmnopqrstuvwxyzäöüßABCDEFGHIJ";
        var longWords = new string(Enumerable.Range(0, 10_000).Select(i => i % 9 == 8 ? ' ' : letters[random.Next(letters.Length)]).ToArray());
        var longRun = new string(Enumerable.Range(0, 10_000).Select(_ => letters[random.Next(letters.Length)]).ToArray());
        return
        [
            "",
            " ",
            "     ",
            "\t \t",
            "  leading and trailing  ",
            "multiple    inner     spaces",
            "Emoji 👍🏽 family 👨‍👩‍👧 flags 🇩🇪🇬🇧 😀",
            "東京都は日本の首都です。北京欢迎你",
            "한국어 텍스트와 ภาษาไทย",
            "Combining: e\u0301 n\u0303 a\u0308 \u0301alone",
            "Control: \u0001\u0007\u001b[0m \u007f \u0085 end",
            "Replacement \uFFFD char \uFFFD\uFFFD",
            "Full-width ＡＢＣ１２３ and ligature ﬁ ﬂ ㈱ ① ™",
            "No-break\u00a0space, zero\u200bwidth, soft\u00adhyphen, thin\u2009space",
            "Arabic: مرحبا بالعالم، كيف حالك؟ Hebrew: שלום",
            "Devanagari: नमस्ते दुनिया। ",
            "Math 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 𝟙𝟚𝟛 and ▁ literal ▁▁ pieces",
            "<sep> <mask> Corona und die 2020 <cls> ▁<extra_id_0> <extra_id_1>",
            "www www.www wwwww",
            "Line\rwith\rcarriage returns",
            longWords,
            longRun,
        ];
    }

    public static void AssertAgreement(string model)
    {
        var expected = ReferenceSentencePiece.EncodeTexts(model, All);
        var tokenizer = SentencePieceTokenizer.Load(model);
        for (var i = 0; i < All.Count; i++)
            tokenizer.Encode(All[i]).Should().Equal(expected[i], $"edge text #{i} '{Shorten(All[i])}' must encode as the reference does");
    }

    private static string Shorten(string s) => s.Length > 60 ? s[..60] + "…" : s;
}
