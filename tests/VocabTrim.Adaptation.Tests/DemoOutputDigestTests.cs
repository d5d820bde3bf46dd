using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using VocabTrim.TestSupport;

namespace VocabTrim.Adaptation.Tests;

/// <summary>
/// The README's first command writes the same model files, byte for byte, from one version to the next. Refactors
/// of the stages (issue 17) must not change a model; these digests were taken from the demo run before that work
/// and after it. A change that is meant to alter what trimming writes updates them, and says why in its commit.
/// The documents beside the model (card, report, recipe, counts) carry versions, times and absolute paths, so the
/// keep list is held by its ids and validation by its logit difference.
/// </summary>
public sealed class DemoOutputDigestTests : IDisposable
{
    private readonly TempDir _temp = new();

    public void Dispose() => _temp.Dispose();

    private static readonly (string File, string Sha256)[] ModelFiles =
    [
        ("model.safetensors", "9f746664b6b8fb0799007c74cced27e2956ea7bbdba9a4525268891d882b94c7"),
        ("spiece.model", "e05eb08ef577b5ad850bd93cdefbe1e3c9c9e92eacdbc65f50bf8f9f57200274"),
        ("config.json", "9d5fc6b0ee5e5118eab9d1572c9bf26c3abf1221191ba0968b64525acc327ef9"),
        ("generation_config.json", "a687f059eaeed2bb637c2caa0cbaba5e843bcf862869c8494272da9ba8294868"),
        ("special_tokens_map.json", "5e4d1f5e759d74cb1c2fe1d165cfc62b5237aa904de759380cd6f43042eec723"),
        ("tokenizer_config.json", "8e1a729dd265346f4fe2839278fee48fa0a57067cd7f80962e816010431fe87e"),
    ];

    private const int KeptIds = 4241;
    private const string KeptIdsSha256 = "beaab465f1a398fe0ae3b6c9324ccda3c4e9be170ca875f560b565ec0591e843";

    [Fact]
    public void The_demo_recipe_writes_the_model_files_it_always_wrote()
    {
        var output = _temp.File("demo-en-de");

        var run = CliRun.Of(
            "adapt", "--recipe", ShippedRecipes.PathOf("demo-en-de.json"), "--out", output, "--cache",
            _temp.File("cache"), "--quiet");

        run.ExitCode.Should().Be(0, run.ToString());
        var digests = ModelFiles.Select(f => (f.File, Sha256(File.ReadAllBytes(Path.Combine(output, f.File)))));
        digests.Should().Equal(ModelFiles, "the demo's slim model files change only when trimming is meant to");

        using var keep = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(output, "keep.json")));
        var ids = keep.RootElement.GetProperty("kept").EnumerateArray().Select(id => id.GetInt32()).ToArray();
        ids.Should().HaveCount(KeptIds);
        Sha256(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(ids))).Should().Be(KeptIdsSha256, "the kept ids");

        // The original's head goes through the slim head's own product, so a correct trim's kept logits are equal
        // bit for bit, not merely within the tolerance.
        using var validation = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(output, "validation.json")));
        var languages = validation.RootElement.GetProperty("languages").EnumerateArray().ToArray();
        languages.Select(l => l.GetProperty("language").GetString()).Should().Equal("en", "de");
        foreach (var language in languages)
            language.GetProperty("max_abs_logit_difference").GetDouble().Should().Be(0, language.ToString());
    }

    private static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}
