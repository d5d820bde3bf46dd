using System.Text.Json.Nodes;
using VocabTrim.Inference;
using VocabTrim.Inference.Generation;
using VocabTrim.Pipeline.Tests.Support;
using VocabTrim.Selection;
using VocabTrim.Surgery;
using VocabTrim.TestSupport;

namespace VocabTrim.Pipeline.Tests.Surgery;

/// <summary>
/// generation_config.json's <c>eos_token_id</c> as a list (Llama 3 instruct stops on three ids): generation ends on
/// any of them, and trimming carries every one of them to its new id.
/// </summary>
public class SeveralEosIdsTests
{
    // llama-tiny.run.json, case 1 (7 prompt ids): transformers' greedy ids are 476, 49, 714, 938, 617, 921, 581, 746.
    // With eos [617, 2, 938] the first of them produced is 938, the fourth token: neither the first nor the last of the
    // list.
    private static readonly long[] Stops = [617, 2, 938];

    private static (long[] Prompt, long[] Generated) Case1()
    {
        var run = JsonNode.Parse(
            File.ReadAllText(Path.Combine(SharedData.Reference("llama-tiny"), "llama-tiny.run.json")))!["cases"]![1]!;
        return (run["input_ids"]!.AsArray().Select(i => (long)i!).ToArray(), run["generated"]!.AsArray()
            .Select(i => (long)i!).ToArray());
    }

    private static string FolderWithEosList(TempDir dir)
    {
        var folder = ModelFolder.Linked(dir, "llama-tiny", ModelFolder.Safetensors);
        File.Delete(Path.Combine(folder, "generation_config.json"));
        File.WriteAllText(Path.Combine(folder, "generation_config.json"),
            new JsonObject
            {
                ["bos_token_id"] = 1,
                ["eos_token_id"] = new JsonArray(Stops.Select(i => (JsonNode?)i).ToArray()),
            }.ToJsonString());
        return folder;
    }

    private static long[] Greedy(string folder, long[] prompt)
    {
        using var model = LanguageModels.Load(folder);
        return new GreedyGenerator(model).Generate([prompt], new GenerationOptions(8)).Tokens[0];
    }

    [Fact]
    public void Generation_stops_at_the_first_token_that_is_any_of_the_eos_ids()
    {
        using var dir = new TempDir();
        var (prompt, generated) = Case1();

        Greedy(SharedData.Reference("llama-tiny"), prompt).Should().Equal(
            generated, "config.json's single eos 2 is never produced");
        Greedy(FolderWithEosList(dir), prompt).Should().Equal(generated[..4]);
    }

    [Fact]
    public void Trimming_remaps_every_eos_id_and_the_slim_model_stops_where_the_original_did()
    {
        using var dir = new TempDir();
        var (prompt, generated) = Case1();
        // Everything kept, in reverse after the first three: every id but 0, 1 and 2 moves (old x → new 1026 - x).
        int[] kept = [0, 1, 2, .. Enumerable.Range(3, 1021).Reverse()];
        long New(long old) => old < 3 ? old : 1026 - old;

        ModelTrimmer.Trim(FolderWithEosList(dir), new KeepList(kept, null), dir.File("slim"));

        var generation = JsonNode.Parse(File.ReadAllText(dir.File("slim/generation_config.json")))!;
        generation["eos_token_id"]!.AsArray().Select(i => (long)i!).Should().Equal(Stops.Select(New));
        Greedy(dir.File("slim"), [.. prompt.Select(New)]).Should().Equal(generated[..4].Select(New));
    }

    [Fact]
    public void A_keep_list_that_drops_one_of_the_eos_ids_is_refused_naming_it()
    {
        using var dir = new TempDir();
        int[] kept = [.. Enumerable.Range(0, 1024).Where(i => i != 938)];

        var trim = () => ModelTrimmer.Trim(FolderWithEosList(dir), new KeepList(kept, null), dir.File("slim"));

        trim.Should().Throw<ModelTrimException>().WithMessage(
            "generation_config.json: eos_token_id[2] is 938, which the keep list drops*");
        Directory.Exists(dir.File("slim")).Should().BeFalse();
    }
}
