namespace VocabTrim.Tokenizers.Tests.Bpe;

/// <summary>Texts that stress BLOOM's split pattern, byte-level mapping and added-token matching.</summary>
public static class BpeEdgeTexts
{
    public static IReadOnlyList<string> All { get; } = Build();

    private static List<string> Build()
    {
        var random = new Random(20261123);
        var letters = "abcdefghijklmnopqrstuvwxyzäöüßABCDEFGHIJ";
        var longWords = new string(Enumerable.Range(0, 10_000).Select(i => i % 9 == 8 ? ' ' : letters[random.Next(letters.Length)]).ToArray());
        var longRun = new string(Enumerable.Range(0, 10_000).Select(_ => letters[random.Next(letters.Length)]).ToArray());
        var longPunctuation = string.Concat(Enumerable.Range(0, 2_500).Select(i => "a.,!"[i % 4]));
        return
        [
            "",
            " ",
            "     ",
            "\t \t\n\r\n",
            "  leading and trailing  ",
            "multiple    inner     spaces",
            "(the) [the] {the} |the| a|b (a|b)",
            "Hello, world! Really?! Yes... No…",
            "Emoji 👍🏽 family 👨‍👩‍👧 flags 🇩🇪🇬🇧 😀",
            "東京都は日本の首都です。北京欢迎你，你好、世界",
            "Devanagari: नमस्ते दुनिया। फिर।मिलेंगे",
            "Arabic: مرحبا بالعالم، كيف حالك؟ ۔ختم۔",
            "한국어 텍스트와 ภาษาไทย",
            "Combining: e\u0301 n\u0303 a\u0308 \u0301alone",
            "Control: \u0001\u0007\u001b[0m \u007f \u0085 end",
            "No-break\u00a0space, zero\u200bwidth, soft\u00adhyphen, thin\u2009space, ideographic\u3000space",
            "Line\u2028separator\u2029paragraph \u1680ogham \u180emongolian",
            "Math 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 𝟙𝟚𝟛 and Ġ Ċ literal",
            "Replacement \uFFFD char \uFFFD\uFFFD",
            "<s>hello</s> <unk><pad> < s> <s <pad",
            "1,234.56 € 7.5% x=y+z; a:b",
            longWords,
            longRun,
            longPunctuation,
        ];
    }
}
