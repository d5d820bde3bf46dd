namespace VocabTrim.Tokenizers.Tests.Bpe.Real;

/// <summary>
/// Texts that stress what the real tokenizers add to BLOOM's: Llama 3's split (contractions in any case,
/// digit runs, line breaks after punctuation, letters and digits outside the BMP), NFC, the ▁ normalizers
/// with Prepend per stretch between added tokens, byte fallback, and each file's own added tokens in text.
/// </summary>
public static class RealEdgeTexts
{
    public static IReadOnlyList<string> All { get; } =
    [
        .. BpeEdgeTexts.All,
        "I'm, you're, he's, she'd, we'll, they've, it't; I'M YOU'RE HE'S WE'LL THEY'VE 'S 'T 'Re 'vE",
        "long s: it'ſ, ſtraße, 'ſ, 'ſtraße, it'ſelf, kelvin 'K \u212A 'Kx, 'Ster 'Tor 'LLama 'REal 'VEry 'Mx 'Dx",
        "digits 1 12 123 1234 12345 1234567 ١٢٣٤٥ ①②③④ ⅣⅤⅥⅦ 𝟙𝟚𝟛𝟜",
        "lines\nand\r\nbreaks.\n\n  \n\tindent\n \n end!\n\n\n",
        "punct!!\n\n(x)\r\n\"quoted\"\n  ...\n",
        "  \t  mixed\u00a0 \u3000 spaces   ",
        "Non-BMP letters 𐐀𐐁𐐂 𝐀𝐁𝐂abc 𠀀𠀁 and symbols 𝄞𝄢 🂡",
        "Decomposed: Cafe\u0301 Mu\u0308ller A\u030a \u1100\u1161\u11a8 and composed: Café Müller Å 각",
        "Compatibility: ﬁ ﬀ ² ½ Ⅻ ｆｕｌｌ ㍿",
        "Unknown pieces: \U0001F9FF \U0001FAE8 \u2E3B \uA9C1 \U00016A40 \U0001E900",
        "▁already▁has▁marks ▁ ▁▁ ▁▁▁",
        "<|begin_of_text|>Hi<|end_of_text|> <|eot_id|>x<|start_header_id|>user<|end_header_id|>\n\n",
        "<|endoftext|><|im_start|>user\nHallo<|im_end|>\n<think>\n</think> <|im_start|>",
        "<bos><start_of_turn>user\nHi<end_of_turn>\n<start_of_turn>model\n<eos> <pad><mask>[multimodal]<unused0>",
        "<table><tr><td>x</td></tr></table> \n\n\n text\n\n",
        "<s>Hallo</s> <unk> Welt<s> </s>",
        " leading space, then <s> between <s>two</s> tokens",
    ];
}
