using System.Text.Json.Nodes;
using VocabTrim.Synthetic;
using VocabTrim.TestSupport;
using VocabTrim.Tokenizers.Bpe;

namespace VocabTrim.Tokenizers.Tests.Bpe;

/// <summary>Reading <c>tokenizer.json</c>: the options BLOOM-like files use, and clear errors for the rest.</summary>
[Collection(BloomCollection.Name)]
public class TokenizerJsonTests(BloomTokenizers bloom)
{
    private JsonObject TinyJson() => JsonNode.Parse(File.ReadAllText(bloom.TinyPath))!.AsObject();

    [Fact]
    public void Kinds_follow_bloom_layout()
    {
        var t = bloom.Tiny;
        t.PieceCount.Should().Be(1024);
        t.KindOf(0).Should().Be(PieceKind.Unknown);
        t.UnknownId.Should().Be(0);
        new[] { 1, 2, 3 }.Select(t.KindOf).Should().AllBeEquivalentTo(PieceKind.Control);
        Enumerable.Range(4, 256).Select(t.KindOf).Should().AllBeEquivalentTo(PieceKind.Byte);
        Enumerable.Range(260, 1024 - 260).Select(t.KindOf).Should().AllBeEquivalentTo(PieceKind.Normal);
        t.PieceAt(4 + ' ').Should().Be("Ġ");
        t.PieceAt(2).Should().Be("</s>");
    }

    [Fact]
    public void Tiny_tokenizer_fits_bloom_tiny_and_training_is_deterministic()
    {
        var config = JsonNode.Parse(File.ReadAllText(Path.Combine(SharedData.Reference("bloom-tiny"), "config.json")))!;
        bloom.Tiny.PieceCount.Should().Be(config["vocab_size"]!.GetValue<int>());
        bloom.Tiny.PieceAt(config["bos_token_id"]!.GetValue<int>()).Should().Be("<s>");
        bloom.Tiny.PieceAt(config["eos_token_id"]!.GetValue<int>()).Should().Be("</s>");
        bloom.Tiny.PieceAt(config["pad_token_id"]!.GetValue<int>()).Should().Be("<pad>");
        bloom.Tiny.Model.Merges.Should().HaveCount(1024 - 260);
        var (tokens, merges) = BpeTrainer.Train(bloom.Sentences, BloomTokenizers.TinyVocabSize);
        BloomFormat.Write(tokens, merges).Should().Be(File.ReadAllText(bloom.TinyPath));
    }

    [Fact]
    public void Merges_in_pair_form_read_the_same_as_the_string_form_and_as_the_reference_reads_them()
    {
        var (tokens, merges) = (bloom.Tiny.Model.Tokens, bloom.Tiny.Model.Merges);
        var path = bloom.File("pairs.json");
        File.WriteAllText(path, BloomFormat.Write(tokens, merges, mergesAsPairs: true));
        File.ReadAllText(path).Should().Contain("[\"Ġ\",\"t\"]");
        var pairs = BpeTokenizer.Load(path);
        var sentences = bloom.Sentences.Take(2000).ToList();
        var expected = ReferenceHuggingFace.Encode(path, sentences);
        for (var i = 0; i < sentences.Count; i++)
        {
            pairs.Encode(sentences[i]).Should().Equal(bloom.Tiny.Encode(sentences[i]));
            pairs.Encode(sentences[i]).Should().Equal(expected[i]);
        }
    }

    [Fact]
    public void Added_tokens_with_every_option_split_as_the_reference_splits_them()
    {
        var json = TinyJson();
        var added = json["added_tokens"]!.AsArray();
        void Add(int id, string content, bool special,
                 bool singleWord = false, bool lstrip = false, bool rstrip = false, bool normalized = false) =>
            added.Add(new JsonObject
            {
                ["id"] = id, ["content"] = content, ["single_word"] = singleWord, ["lstrip"] = lstrip,
                ["rstrip"] = rstrip, ["normalized"] = normalized, ["special"] = special,
            });
        var inVocab = bloom.Tiny.Model.Tokens.Select((t, i) => (t, i)).First(
            p => p.i > 300 && p.t.Length >= 3 && p.t.All(char.IsAsciiLetterLower));
        Add(inVocab.i, inVocab.t, special: false);
        Add(1024, "[MASK]", special: true, lstrip: true);
        Add(1025, "Corona", special: false, singleWord: true, normalized: true);
        Add(1026, "und die", special: false, rstrip: true);
        Add(1027, "xyzzy", special: false, normalized: true);
        Add(1028, "[MASK]]", special: true, rstrip: true, lstrip: true);
        var path = bloom.File("added.json");
        File.WriteAllText(path, json.ToJsonString());
        var tokenizer = BpeTokenizer.Load(path);
        tokenizer.PieceCount.Should().Be(1029);
        tokenizer.KindOf(1024).Should().Be(PieceKind.Control);
        tokenizer.KindOf(1025).Should().Be(PieceKind.UserDefined);
        tokenizer.KindOf(inVocab.i).Should().Be(PieceKind.UserDefined);

        string[] texts =
        [
            "The   [MASK] is Corona, not Coronavirus or _Corona or Corona_ or (Corona) or Corona",
            "singing und die   Leute und dieund die [MASK]]  x[MASK]]y [MASK][MASK]",
            $"a{inVocab.t}b {inVocab.t} ing-ing xyzzyxyzzy axyzzy",
            "   [MASK]", "[MASK]   ", "Corona", "und die",
            .. BpeEdgeTexts.All,
            .. bloom.Sentences.Take(2000),
        ];
        var expected = ReferenceHuggingFace.Encode(path, texts);
        for (var i = 0; i < texts.Length; i++)
            tokenizer.Encode(texts[i]).Should().Equal(
                expected[i], $"text #{i} '{texts[i][..Math.Min(60, texts[i].Length)]}'");
        tokenizer.Encode("x Corona y").Should().Contain(1025);
    }

    [Fact]
    public void An_added_token_id_the_reference_would_not_use_is_rejected()
    {
        var json = TinyJson();
        json["added_tokens"]!.AsArray().Add(
            new JsonObject { ["id"] = 2000, ["content"] = "[NEW]", ["special"] = true });
        var act = () => BpeTokenizer.FromJson(json.ToJsonString(), "t.json");
        act.Should().Throw<TokenizerFormatException>().Where(
            e => e.Path == "t.json: added_tokens[4].id" && e.Message.Contains("1024"));
    }

    public static TheoryData<string, string, string> UnsupportedParts() => new()
    {
        { "normalizer", """{"type":"Lowercase"}""", "normalizer.type" },
        {
            "normalizer", """{"type":"Sequence","normalizers":[{"type":"NFC"},{"type":"NFKC"}]}""",
            "normalizer.normalizers[1].type"
        },
        { "normalizer", """{"type":"Replace","pattern":{"Glob":" "},"content":"x"}""", "normalizer.pattern" },
        { "pre_tokenizer", """{"type":"Whitespace"}""", "pre_tokenizer.type" },
        {
            "pre_tokenizer",
            """
            {"type":"Sequence","pretokenizers":[
              {"type":"Split","pattern":{"Regex":"\\w+"},"behavior":"Isolated","invert":false}]}
            """,
            "pre_tokenizer.pretokenizers[0].pattern.Regex"
        },
        {
            "pre_tokenizer",
            """
            {"type":"Sequence","pretokenizers":[
              {"type":"Split","pattern":{"String":" "},"behavior":"Scattered","invert":false}]}
            """,
            "pre_tokenizer.pretokenizers[0].behavior"
        },
        {
            "pre_tokenizer",
            """
            {"type":"Sequence","pretokenizers":[
              {"type":"Split","pattern":{"Glob":" "},"behavior":"Isolated","invert":true}]}
            """,
            "pre_tokenizer.pretokenizers[0].pattern"
        },
        {
            "pre_tokenizer",
            """
            {"type":"Sequence","pretokenizers":[
              {"type":"ByteLevel","use_regex":false},
              {"type":"Split","pattern":{"String":" "},"behavior":"Isolated"}]}
            """,
            "pre_tokenizer.pretokenizers[1]"
        },
        { "post_processor", """{"type":"Magic"}""", "post_processor.type" },
        { "decoder", """{"type":"WordPiece"}""", "decoder.type" },
        {
            "decoder", """{"type":"Sequence","decoders":[{"type":"ByteFallback"},{"type":"CTC"}]}""",
            "decoder.decoders[1].type"
        },
        {
            "post_processor",
            """
            {"type":"TemplateProcessing","single":[{"SpecialToken":{"id":"<x>","type_id":0}}],"special_tokens":{}}
            """,

            "post_processor.single[0].SpecialToken.id"
        },
        {
            "post_processor",
            """
            {"type":"TemplateProcessing","single":[{"SpecialToken":{"id":"<x>","type_id":0}}],
             "special_tokens":{"<x>":{"id":"<x>","ids":[1,-5],"tokens":["a","b"]}}}
            """,
            "post_processor.special_tokens.<x>.ids[1]"
        },
        { "truncation", """{"max_length":512}""", "$.truncation" },
    };

    [Theory]
    [MemberData(nameof(UnsupportedParts))]
    public void Unsupported_parts_fail_naming_the_json_path(string part, string value, string path)
    {
        var json = TinyJson();
        json[part] = JsonNode.Parse(value);
        var act = () => BpeTokenizer.FromJson(json.ToJsonString(), "t.json");
        act.Should().Throw<TokenizerFormatException>().Where(e => e.Path == "t.json: " + path);
    }

    public static TheoryData<string, string, string> BrokenModels() => new()
    {
        { "type", "\"Unigram\"", "model.type" },
        { "dropout", "0.1", "model.dropout" },
        { "unk_token", "\"<nope>\"", "model.unk_token" },
        { "merges", """["Ġ t","a b c"]""", "model.merges[1]" },
        { "merges", """["Ġ t",["Ġ","zzz"]]""", "model.merges[1]" },
        { "merges", """["Ġ t",42]""", "model.merges[1]" },
        { "vocab", """{"a":0,"b":5}""", "model.vocab[\"b\"]" },
    };

    [Theory]
    [MemberData(nameof(BrokenModels))]
    public void Broken_or_unsupported_models_fail_naming_the_json_path(string field, string value, string path)
    {
        var json = TinyJson();
        json["model"]![field] = JsonNode.Parse(value);
        var act = () => BpeTokenizer.FromJson(json.ToJsonString(), "t.json");
        act.Should().Throw<TokenizerFormatException>().Where(e => e.Path == "t.json: " + path);
    }

    [Fact]
    public void Unknown_token_and_byte_fallback_replace_characters_outside_the_vocabulary_as_the_reference_does()
    {
        // A non-byte-level BPE: no pre-tokenizer, characters looked up directly.
        string[] vocab = ["<unk>", "a", "b", "ab", "<0xC3>", "<0xA4>", "c"];
        var json = new JsonObject
        {
            ["added_tokens"] = new JsonArray(),
            ["model"] = new JsonObject
            {
                ["type"] = "BPE", ["unk_token"] = "<unk>", ["fuse_unk"] = true, ["byte_fallback"] = true,
                ["vocab"] = new JsonObject(
                    vocab.Select((t, i) => KeyValuePair.Create(t, (JsonNode?)JsonValue.Create(i)))),
                ["merges"] = new JsonArray("a b"),
            },
        };
        var path = bloom.File("fallback.json");
        File.WriteAllText(path, json.ToJsonString());
        var tokenizer = BpeTokenizer.Load(path);
        string[] texts = ["abc", "äab", "xyzab", "xäy", "ab xx ä", "", "€ab€"];
        var expected = ReferenceHuggingFace.Encode(path, texts);
        for (var i = 0; i < texts.Length; i++) tokenizer.Encode(texts[i]).Should().Equal(expected[i], texts[i]);
        tokenizer.Encode("äab").Should().Equal(4, 5, 3);
    }

    [Fact]
    public void Regex_anchors_match_at_line_boundaries_as_in_the_reference()
    {
        string[] vocab = ["<unk>", "x", "a", "b", "\n"];
        var json = new JsonObject
        {
            ["pre_tokenizer"] = JsonNode.Parse(
                """{"type":"Split","pattern":{"Regex":"^a|b$"},"behavior":"Removed","invert":false}"""),

            ["model"] = new JsonObject
            {
                ["type"] = "BPE", ["unk_token"] = "<unk>",
                ["vocab"] = new JsonObject(
                    vocab.Select((t, i) => KeyValuePair.Create(t, (JsonNode?)JsonValue.Create(i)))),
                ["merges"] = new JsonArray(),
            },
        };
        var path = bloom.File("anchors.json");
        File.WriteAllText(path, json.ToJsonString());
        string[] texts = ["xa\nab\nb", "ab", "a\n\nb", "ba\nab"];
        var expected = ReferenceHuggingFace.Encode(path, texts);
        var tokenizer = BpeTokenizer.Load(path);
        for (var i = 0; i < texts.Length; i++) tokenizer.Encode(texts[i]).Should().Equal(expected[i], texts[i]);
        tokenizer.Encode("xa\nab\nb").Should().Equal(1, 2, 4, 4);
    }
}
