using System.Text;
using System.Text.Json.Nodes;
using VocabTrim.TestSupport;
using VocabTrim.Tokenizers.Bpe;

namespace VocabTrim.Tokenizers.Tests.Bpe;

/// <summary>
/// Differential testing on random texts built from the characters where tokenizers disagree most
/// easily: every class the split pattern names, other whitespace, marks, surrogate pairs, and
/// fragments of added tokens. Seeds are fixed, so a failure reproduces.
/// </summary>
[Collection(BloomCollection.Name)]
public class RandomTextTests(BloomTokenizers bloom)
{
    private static readonly string[] Atoms =
    [
        " ", "  ", "\t", "\n", "\r\n", "\u00a0", "\u3000", "\u2028", "\u0085",
        ".", ",", "!", "?", "…", "。", "，", "、", "।", "۔", "،", "(", ")", "|", "[", "]", "'s", "'",
        "a", "e", "the", "und", "Die", "ß", "ü", "É", "ing", "tion", "0", "7", "2020", "½",
        "\u0301", "\u200d", "東", "京", "न", "म", "्", "م", "ر", "한", "😀", "👍🏽", "𝔘", "🇩🇪",
        "<s>", "</s>", "<pad>", "<unk>", "<", "s>", "</", "pad>", "[MASK]", "Corona",
    ];

    private static List<string> Texts(int seed, int count)
    {
        var random = new Random(seed);
        var texts = new List<string>(count);
        for (var i = 0; i < count; i++)
        {
            var sb = new StringBuilder();
            var length = random.Next(0, 40);
            for (var j = 0; j < length; j++) sb.Append(Atoms[random.Next(Atoms.Length)]);
            texts.Add(sb.ToString());
        }
        return texts;
    }

    [Fact]
    public void Random_texts_encode_and_decode_as_the_reference_with_the_bloom_format_tokenizer()
    {
        var texts = Texts(1, 3000);
        var expected = ReferenceHuggingFace.Encode(bloom.LargePath, texts);
        var mismatches = Enumerable.Range(0, texts.Count)
            .Where(i => !bloom.Large.Encode(texts[i]).SequenceEqual(expected[i])).ToList();
        mismatches.Should().BeEmpty(mismatches.Count == 0 ? "" : $"first: '{texts[mismatches[0]]}'");
        var decoded = ReferenceHuggingFace.Decode(bloom.LargePath, expected.Take(500).ToList());
        for (var i = 0; i < decoded.Count; i++) bloom.Large.Decode(expected[i]).Should().Be(decoded[i]);
    }

    [Fact]
    public void Random_texts_encode_as_the_reference_with_added_tokens_of_every_kind()
    {
        var json = JsonNode.Parse(File.ReadAllText(bloom.TinyPath))!.AsObject();
        foreach (var t in new[]
        {
            """
            {"id":1024,"content":"[MASK]","special":true,"single_word":false,"lstrip":true,"rstrip":true,
             "normalized":false}
            """,
            """
            {"id":1025,"content":"Corona","special":false,"single_word":true,"lstrip":false,"rstrip":false,
             "normalized":true}
            """,
            """
            {"id":1026,"content":"s>","special":false,"single_word":false,"lstrip":false,"rstrip":true,
             "normalized":true}
            """,
            """
            {"id":1027,"content":"東京","special":false,"single_word":true,"lstrip":true,"rstrip":false,
             "normalized":false}
            """,

        })
            json["added_tokens"]!.AsArray().Add(JsonNode.Parse(t));
        var path = bloom.File("random-added.json");
        File.WriteAllText(path, json.ToJsonString());
        var tokenizer = BpeTokenizer.Load(path);
        var texts = Texts(2, 3000);
        var expected = ReferenceHuggingFace.Encode(path, texts);
        var mismatches = Enumerable.Range(0, texts.Count)
            .Where(i => !tokenizer.Encode(texts[i]).SequenceEqual(expected[i])).ToList();
        mismatches.Should().BeEmpty(mismatches.Count == 0 ? "" :
            $"{mismatches.Count} texts; first: '{texts[mismatches[0]]}'\n ours: " +
            $"{string.Join(' ', tokenizer.Encode(texts[mismatches[0]]))}\n ref:  " +
            $"{string.Join(' ', expected[mismatches[0]])}");
    }
}
