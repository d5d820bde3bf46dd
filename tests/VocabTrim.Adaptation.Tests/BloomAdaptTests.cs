using VocabTrim.Synthetic;
using VocabTrim.TestSupport;
using VocabTrim.Tokenizers.Bpe;

namespace VocabTrim.Adaptation.Tests;

/// <summary>
/// <c>vocabtrim adapt</c> on a BLOOM model: shared bloom-tiny (1,024 rows, no tokenizer of its own) given a
/// 1,024-token BLOOM-format byte-level BPE trained on the shared samples.
/// </summary>
public sealed class BloomAdaptTests : IDisposable
{
    private readonly TempDir _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void A_bloom_model_adapts_to_a_validated_folder_whose_card_loads_it_as_a_causal_lm()
    {
        var model = Directory.CreateDirectory(_temp.File("bloom-tiny")).FullName;
        foreach (var file in new[] { "config.json", "generation_config.json", "model.safetensors" })
            File.CreateSymbolicLink(Path.Combine(model, file), Path.Combine(SharedData.Reference("bloom-tiny"), file));
        var (tokens, merges) = BpeTrainer.Train(LeipzigSample.Both().Take(4000).ToList(), 1024);
        File.WriteAllText(Path.Combine(model, "tokenizer.json"), BloomFormat.Write(tokens, merges));
        var recipe = _temp.File("bloom.json");
        File.WriteAllText(recipe, $$"""
            {
              "model": "./bloom-tiny",
              "languages": {
                "en": { "top": 250, "corpus": "{{SharedData.EnglishSample}}", "maxSentences": 2000 },
                "de": { "top": 250, "corpus": "{{SharedData.GermanSample}}", "maxSentences": 2000 }
              },
              "overall": 50,
              "validation": { "sentences": 200, "logitSentences": 3, "maxNewTokens": 4 }
            }
            """);
        var output = _temp.File("out");

        var adapt = CliRun.Of("adapt", "--recipe", recipe, "--out", output, "--cache", _temp.File("cache"), "--quiet");

        adapt.ExitCode.Should().Be(0, adapt.ToString());
        OutputFolderContents.ShouldBeComplete(output, ["en", "de"]);
        File.Exists(Path.Combine(output, "tokenizer.json")).Should().BeTrue();
        var slim = BpeTokenizer.Load(Path.Combine(output, "tokenizer.json"));
        using (var config = System.Text.Json.JsonDocument.Parse(File.ReadAllBytes(Path.Combine(output, "config.json"))))
            config.RootElement.GetProperty("vocab_size").GetInt32().Should().Be(slim.PieceCount).And.BeLessThan(1024);

        var card = File.ReadAllText(Path.Combine(output, OutputFiles.Card));
        card.Should().Contain("AutoModelForCausalLM").And.NotContain("AutoModelForSeq2SeqLM");
        CardFrontMatterText.Of(Path.Combine(output, OutputFiles.Card)).Value("pipeline_tag").Should()
            .Be("text-generation");

        var test = CliRun.Of(
            "test", "--recipe", Path.Combine(output, OutputFiles.Recipe), "--model-dir", output, "--quiet");
        test.ExitCode.Should().Be(0, test.ToString());
    }
}
