namespace VocabTrim.Tokenizers.Tests;

/// <summary>
/// Texts every tokenizer must handle exactly as its reference: empty and whitespace-only input, emoji with
/// joiners, other scripts, combining marks, control characters, U+FFFD, and two 10,000-character lines
/// (words, and one unbroken run). Each tokenizer's edge list adds what stresses its own pipeline.
/// </summary>
public static class CommonEdgeTexts
{
    public static IReadOnlyList<string> All { get; } = Build();

    private static List<string> Build()
    {
        var random = new Random(20261123);
        var letters = "abcdefghijklmnopqrstuvwxyzäöüßABCDEFGHIJ";
        var longWords = new string(
            Enumerable.Range(0, 10_000).Select(i => i % 9 == 8 ? ' ' : letters[random.Next(letters.Length)]).ToArray());
        var longRun = new string(
            Enumerable.Range(0, 10_000).Select(_ => letters[random.Next(letters.Length)]).ToArray());
        return
        [
            "",
            " ",
            "     ",
            "  leading and trailing  ",
            "multiple    inner     spaces",
            "Emoji 👍🏽 family 👨‍👩‍👧 flags 🇩🇪🇬🇧 😀",
            "한국어 텍스트와 ภาษาไทย",
            "Combining: e\u0301 n\u0303 a\u0308 \u0301alone",
            "Control: \u0001\u0007\u001b[0m \u007f \u0085 end",
            "Replacement \uFFFD char \uFFFD\uFFFD",
            longWords,
            longRun,
        ];
    }
}
