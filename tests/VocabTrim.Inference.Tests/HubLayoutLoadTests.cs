using VocabTrim.Checkpoints;
using VocabTrim.Inference.Generation;
using VocabTrim.Inference.Tests.Support;
using VocabTrim.Synthetic;
using VocabTrim.TestSupport;

namespace VocabTrim.Inference.Tests;

/// <summary>
/// The loader reads the reference models from every hub layout (sharded pickles with an index, sharded
/// safetensors, BigScience's bare BLOOM names, tied pickle aliases, fp16/bf16 storage) and runs them as from
/// one float32 model.safetensors: F32 layouts generate Hugging Face's tokens, half layouts the same-dtype single
/// file's.
/// </summary>
public class HubLayoutLoadTests
{
    public static TheoryData<string, int> Cases() => new()
    {
        { "mt5-tiny", 0 }, { "mt5-tiny", 1 }, { "mt5-tiny", 2 },
        { "bloom-tiny", 0 }, { "bloom-tiny", 1 }, { "bloom-tiny", 3 },
    };

    private static readonly HubLayout[] Layouts =
    [
        new(CheckpointFormat.PyTorchPickle, Shards: 3, TiedAliases: true),
        new(CheckpointFormat.Safetensors, Dtype.BF16, Shards: 4, BareBloomNames: true),
        new(CheckpointFormat.PyTorchPickle, Dtype.F16, Shards: 2, BareBloomNames: true),
        new(CheckpointFormat.PyTorchPickle, Shards: 1, BareBloomNames: true, TiedAliases: true),
    ];

    private static string Write(TempDir dir, string reference, HubLayout layout, string name)
    {
        var folder = dir.File(name);
        Directory.CreateDirectory(folder);
        File.Copy(Path.Combine(SharedData.Reference(reference), "config.json"), Path.Combine(folder, "config.json"));
        using var source = Checkpoint.Open(SharedData.Reference(reference));
        layout.Write(folder, source.Tensors.Keys.Select(n => new CheckpointTensorSource(source, n)));
        return folder;
    }

    private static long[][] Generate(string folder, ReferenceRun run)
    {
        using var model = LanguageModels.Load(folder);
        return [.. run.Cases.Select(c => new GreedyGenerator(model).Generate([c.InputIds],
            new GenerationOptions(c.Generated.Length)).Tokens[0].ToArray())];
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Every_layout_loads_and_generates_as_its_single_file(string reference, int layoutIndex)
    {
        var layout = Layouts[layoutIndex];
        using var dir = new TempDir();
        var run = ReferenceRun.Load(reference);
        var actual = Generate(Write(dir, reference, layout, "laid"), run);
        var expected = layout.Dtype is null
            ? [.. run.Cases.Select(c => c.Generated)]
            : Generate(Write(dir, reference, new HubLayout(CheckpointFormat.Safetensors, layout.Dtype, Shards: 1),
                "single"), run);
        actual.Should().BeEquivalentTo(expected, o => o.WithStrictOrdering());
    }
}
