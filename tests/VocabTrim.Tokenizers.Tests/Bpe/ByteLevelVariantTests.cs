using System.Text.Json.Nodes;
using VocabTrim.TestSupport;
using VocabTrim.Tokenizers.Bpe;

namespace VocabTrim.Tokenizers.Tests.Bpe;

/// <summary>
/// Byte-level pre-tokenizers other than BLOOM's: plain <c>ByteLevel</c> with GPT-2's own pattern, and
/// <c>add_prefix_space</c>, on the Large vocabulary and merges, compared with the reference.
/// </summary>
[Collection(BloomCollection.Name)]
public class ByteLevelVariantTests(BloomTokenizers bloom)
{
    private static readonly string[] Extra =
    [
        "it's I'll we've they'd you're I'm 'S 'LL don't ''s '''",
        "𝔘𝔫𝔦𝔠𝔬𝔡𝔢 letters 𝟙𝟚𝟛 digits 𐍈 gothic ½ ² Ⅻ",
        "  two spaces\n\nnewlines \n x\t\ty   ",
        " \u00a0 nbsp\u00a0word \u2003em",
        "abc123def 123abc ...!!! ?x",
    ];

    public static TheoryData<string, string> PreTokenizers() => new()
    {
        { "gpt2", """{"type":"ByteLevel","add_prefix_space":false,"trim_offsets":true,"use_regex":true}""" },
        { "gpt2-prefix", """{"type":"ByteLevel","add_prefix_space":true,"trim_offsets":true,"use_regex":true}""" },
        {
            "bloom-prefix",
            """
            {"type":"Sequence","pretokenizers":[
              {"type":"Split","pattern":{"Regex":" ?[^(\\s|[.,!?…。，、।۔،])]+"},"behavior":"Isolated","invert":false},
              {"type":"ByteLevel","add_prefix_space":true,"trim_offsets":true,"use_regex":false}]}
            """
        },
        {
            "split-removed",
            """
            {"type":"Sequence","pretokenizers":[
              {"type":"Split","pattern":{"String":" "},"behavior":"Removed","invert":false},
              {"type":"ByteLevel","add_prefix_space":false,"trim_offsets":true,"use_regex":true}]}
            """
        },
    };

    [Theory]
    [MemberData(nameof(PreTokenizers))]
    public void Encodes_the_samples_and_edge_texts_as_the_reference(string name, string preTokenizer)
    {
        var json = JsonNode.Parse(File.ReadAllText(bloom.LargePath))!.AsObject();
        json["pre_tokenizer"] = JsonNode.Parse(preTokenizer);
        var path = bloom.File($"variant-{name}.json");
        File.WriteAllText(path, json.ToJsonString());
        var tokenizer = BpeTokenizer.Load(path);
        string[] texts = [.. Extra, .. BpeEdgeTexts.All, .. bloom.Sentences];
        var expected = ReferenceHuggingFace.Encode(path, texts);
        var mismatches = Enumerable.Range(0, texts.Length)
            .Where(i => !tokenizer.Encode(texts[i]).SequenceEqual(expected[i])).ToList();
        mismatches.Should().BeEmpty(mismatches.Count == 0 ? "" :
            $"first: '{texts[mismatches[0]]}'\n ours: {string.Join(' ', tokenizer.Encode(texts[mismatches[0]]))}\n " +
            $"ref:  {string.Join(' ', expected[mismatches[0]])}");
        // The prefix space really is added: "Hallo" encodes as BLOOM's split encodes " Hallo".
        tokenizer.Encode("Hallo").Should().Equal(bloom.Large.Encode(name.Contains("prefix") ? " Hallo" : "Hallo"));
    }

    public static TheoryData<string, bool> SplitBehaviors()
    {
        var data = new TheoryData<string, bool>();
        foreach (var behavior in Enum.GetNames<SplitBehavior>())
            foreach (var invert in new[] { false, true }) data.Add(behavior, invert);
        return data;
    }

    [Theory]
    [MemberData(nameof(SplitBehaviors))]
    public void Every_split_behavior_and_inversion_splits_as_the_reference(string behavior, bool invert)
    {
        var json = JsonNode.Parse(File.ReadAllText(bloom.LargePath))!.AsObject();
        json["pre_tokenizer"] = JsonNode.Parse($$"""
            {"type":"Sequence","pretokenizers":[
              {"type":"Split","pattern":{"Regex":"\\s+|[.,!?]"},"behavior":"{{behavior}}",
               "invert":{{(invert ? "true" : "false")}}},

              {"type":"ByteLevel","add_prefix_space":false,"trim_offsets":true,"use_regex":false}]}
            """);
        var path = bloom.File($"split-{behavior}-{invert}.json");
        File.WriteAllText(path, json.ToJsonString());
        var tokenizer = BpeTokenizer.Load(path);
        tokenizer.PreTokenizer.Splits.Single().Behavior.ToString().Should().Be(behavior);
        string[] texts = [.. Extra, .. BpeEdgeTexts.All, "..a, b!! c", "a", " ", ".", .. bloom.Sentences.Take(2000)];
        var expected = ReferenceHuggingFace.Encode(path, texts);
        var mismatches = Enumerable.Range(0, texts.Length)
            .Where(i => !tokenizer.Encode(texts[i]).SequenceEqual(expected[i])).ToList();
        mismatches.Should().BeEmpty(mismatches.Count == 0 ? "" :
            $"first: '{texts[mismatches[0]]}'\n ours: {string.Join(' ', tokenizer.Encode(texts[mismatches[0]]))}\n " +
            $"ref:  {string.Join(' ', expected[mismatches[0]])}");
    }
}
