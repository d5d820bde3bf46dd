namespace VocabTrim.Tokenizers.Tests.Bpe;

/// <summary>Texts that stress BLOOM's split pattern, byte-level mapping and added-token matching.</summary>
public static class BpeEdgeTexts
{
    public static IReadOnlyList<string> All { get; } = Build();

    private static List<string> Build()
    {
        var longPunctuation = string.Concat(Enumerable.Range(0, 2_500).Select(i => "a.,!"[i % 4]));
        return
        [
            .. CommonEdgeTexts.All,
            "\t \t\n\r\n",
            "(the) [the] {the} |the| a|b (a|b)",
            "Hello, world! Really?! Yes... No…",
            "東京都は日本の首都です。北京欢迎你，你好、世界",
            "Devanagari: नमस्ते दुनिया। फिर।मिलेंगे",
            "Arabic: مرحبا بالعالم، كيف حالك؟ ۔ختم۔",
            "No-break\u00a0space, zero\u200bwidth, soft\u00adhyphen, thin\u2009space, ideographic\u3000space",
            "Line\u2028separator\u2029paragraph \u1680ogham \u180emongolian",
            "Math 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 𝟙𝟚𝟛 and Ġ Ċ literal",
            "<s>hello</s> <unk><pad> < s> <s <pad",
            "1,234.56 € 7.5% x=y+z; a:b",
            longPunctuation,
        ];
    }
}
