using VocabTrim.Synthetic;
using VocabTrim.TestSupport;

namespace VocabTrim.Adaptation.Tests;

/// <summary>
/// A random mT5 checkpoint large enough (about 270 MB of F32 weights, no tokenizer) that trimming it to bfloat16 takes
/// a while, so a real process can be interrupted or killed while it writes; with a keep list of every row.
/// </summary>
public sealed class LargeModelFixture : IDisposable
{
    private static readonly Mt5Architecture Architecture = new(VocabRows: 16_384, DModel: 2_048, DFf: 256,
        EncoderLayers: 1, DecoderLayers: 1, Heads: 4, DKv: 16);

    private readonly TempDir _temp = new();

    public LargeModelFixture()
    {
        Model = _temp.File("model");
        Directory.CreateDirectory(Model);
        Mt5ConfigFiles.Write(Model, Architecture);
        RandomMt5Checkpoint.Write(Model, Architecture, seed: 1, WeightFill.FastUniform);
        KeepList = _temp.File("keep.json");
        File.WriteAllText(KeepList, $"[{string.Join(",", Enumerable.Range(0, Architecture.VocabRows))}]");
    }

    public string Model { get; }

    public string KeepList { get; }

    public void Dispose() => _temp.Dispose();
}
