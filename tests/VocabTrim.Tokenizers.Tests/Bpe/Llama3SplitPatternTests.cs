using System.Text.Json.Nodes;
using VocabTrim.TestSupport;
using VocabTrim.Tokenizers.Bpe;

namespace VocabTrim.Tokenizers.Tests.Bpe;

/// <summary>
/// Llama 3's split where real vocabularies hide it: a byte-level model whose only merges build tokens that
/// cross the boundaries in question, so that a boundary we put elsewhere than Oniguruma changes the ids.
/// </summary>
public class Llama3SplitPatternTests : IDisposable
{
    private const string Pattern =
        @"(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}|" +
        @" ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+";
    private readonly TempDir _dir = new();

    [Fact]
    public void Boundaries_agree_with_the_reference_where_merges_would_cross_them()
    {
        // Texts whose every merge chain joins characters across a place where the pattern may cut.
        string[] words =
            ["'ſt", "'St", "'ſ", "'Kx", "'REal", "1234", "𝟙𝟚𝟛𝟜", "a\n\n b", "!\n\nx", "  \n x", "x   y", "𐐀𐐁x", " 𝄞𝄞"];
        var vocab = new JsonObject();
        foreach (var t in ByteLevelAlphabet.Tokens) vocab[t] = vocab.Count;
        var merges = new JsonArray();
        foreach (var word in words)
        {
            var chars = ByteLevelAlphabet.Encode(System.Text.Encoding.UTF8.GetBytes(word));
            for (var n = 2; n <= chars.Length; n++)
            {
                if (vocab.ContainsKey(chars[..n])) continue;
                vocab[chars[..n]] = vocab.Count;
                merges.Add(new JsonArray(chars[..(n - 1)], chars[(n - 1)..n]));
            }
        }
        var json = new JsonObject
        {
            ["version"] = "1.0", ["truncation"] = null, ["padding"] = null, ["added_tokens"] = new JsonArray(),
            ["normalizer"] = null,
            ["pre_tokenizer"] = JsonNode.Parse($$"""
                {"type":"Sequence","pretokenizers":[
                 {"type":"Split","pattern":{"Regex":{{JsonValue.Create(Pattern).ToJsonString()}}},"behavior":"Isolated",
                  "invert":false},
                 {"type":"ByteLevel","add_prefix_space":false,"trim_offsets":true,"use_regex":false}]}
                """),
            ["post_processor"] = null,
            ["decoder"] = JsonNode.Parse(
                """{"type":"ByteLevel","add_prefix_space":true,"trim_offsets":true,"use_regex":true}"""),
            ["model"] = new JsonObject
            {
                ["type"] = "BPE", ["dropout"] = null, ["unk_token"] = null, ["fuse_unk"] = false,
                ["byte_fallback"] = false, ["ignore_merges"] = false, ["vocab"] = vocab, ["merges"] = merges,
            },
        };
        var path = _dir.File("split.json");
        File.WriteAllText(path, json.ToJsonString());
        var tokenizer = BpeTokenizer.Load(path);
        tokenizer.PreTokenizer.Splits.Single().Pattern.Should().BeOfType<Llama3SplitPattern>()
            .Which.MaxDigits.Should().Be(3);


        string[] texts =
            [.. words, .. words.Select(w => $"x{w}y"), .. words.Select(w => $" {w} "), string.Concat(words)];


        var expected = ReferenceHuggingFace.Encode(path, texts);
        for (var i = 0; i < texts.Length; i++) tokenizer.Encode(texts[i]).Should().Equal(expected[i], $"'{texts[i]}'");
    }

    [Theory]
    [InlineData(@"\p{N}", 1)]
    [InlineData(@"\p{N}{1,3}", 3)]
    [InlineData(@"\p{N}{1,2}", 2)]
    public void Only_this_family_of_patterns_is_matched_by_hand(string digits, int max)
    {
        var source = Pattern.Replace(@"\p{N}{1,3}", digits);
        Llama3SplitPattern.TryCreate(source)!.MaxDigits.Should().Be(max);
        Llama3SplitPattern.TryCreate(source.Replace("'ll", "'LL")).Should().BeNull();
        Llama3SplitPattern.TryCreate(source + "|x").Should().BeNull();
    }

    public void Dispose() => _dir.Dispose();
}
