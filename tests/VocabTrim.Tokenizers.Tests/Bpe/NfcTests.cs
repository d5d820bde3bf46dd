using System.Text;
using System.Text.Json;
using VocabTrim.TestSupport;
using VocabTrim.Tokenizers.Bpe;

namespace VocabTrim.Tokenizers.Tests.Bpe;

/// <summary>
/// Our NFC against Python's <c>unicodedata.normalize('NFC')</c>, the source of the tables, on texts that exercise every
/// step.
/// </summary>
public class NfcTests
{
    [Fact]
    public void Agrees_with_python_on_every_code_point_and_on_random_mark_sequences()
    {
        var texts = new List<string>();
        // Every code point alone (decomposition, singletons, exclusions), in chunks.
        var all = Enumerable.Range(0, 0x30000).Where(cp => cp is < 0xD800 or > 0xDFFF).Select(char.ConvertFromUtf32)
            .ToList();
        for (var i = 0; i < all.Count; i += 2000) texts.Add(string.Join("|", all.Skip(i).Take(2000)));
        // Bases followed by marks in random orders (reordering, blocking), Hangul jamo runs, composed syllables + T.
        var random = new Random(18);
        int[] bases =
        [
            'a', 'e', 'o', 'u', 'A', 'S', 0x3B1, 0x3C9, 0x415, 0x1100, 0x1161, 0x11A8, 0xAC00, 0xAC01, 0x928, 0x9C7,
            0xB47, 0x1B05, 0x305D, 0x30A6,
        ];
        int[] marks =
        [
            0x300, 0x301, 0x302, 0x303, 0x308, 0x30A, 0x323, 0x327, 0x328, 0x345, 0x31B, 0x9BE, 0x9D7, 0xB3E, 0xB56,
            0x1B35, 0x3099, 0x309A, 0x1161, 0x11A8, 0x5B0, 0x5B4,
        ];

        for (var i = 0; i < 3000; i++)
        {
            var sb = new StringBuilder();
            for (var j = random.Next(1, 8); j > 0; j--)
                sb.Append(char.ConvertFromUtf32(
                    random.Next(3) == 0 ? bases[random.Next(bases.Length)] : marks[random.Next(marks.Length)]));
            texts.Add(sb.ToString());
        }
        var input = Path.GetTempFileName();
        try
        {
            File.WriteAllText(input, JsonSerializer.Serialize(texts));
            var script = "import json,sys,unicodedata; print(unicodedata.unidata_version); " +
                         "print(json.dumps([unicodedata.normalize('NFC', t) for t in json.load(open(sys.argv[1], " +
                         "encoding='utf-8'))]))";
            var output = ExternalTool.Run("/usr/bin/python3", ["-c", script, input]).Split('\n', 2);
            output[0].Should().Be(Nfc.UnicodeVersion, "the tables were generated from this Unicode version");
            var expected = JsonSerializer.Deserialize<List<string>>(output[1])!;
            var wrong = Enumerable.Range(0, texts.Count).Where(i => Nfc.Normalize(texts[i]) != expected[i]).ToList();
            var first = wrong.Count > 0
                ? string.Join(' ', texts[wrong[0]].EnumerateRunes().Select(r => $"U+{r.Value:X4}").Take(12))
                : "";
            wrong.Should().BeEmpty($"first: {first}");
            texts.Count(t => Nfc.Normalize(t) != t).Should().BeGreaterThan(
                500, "the texts must really need normalizing");
        }
        finally
        {
            File.Delete(input);
        }
    }

    [Fact]
    public void Text_that_is_already_nfc_comes_back_as_the_same_string()
    {
        const string text = "Schöne Grüße aus Köln, 東京, 한국어 😀";
        Nfc.Normalize(text).Should().BeSameAs(text);
        Nfc.Normalize("Cafe\u0301").Should().Be("Café");
    }
}
