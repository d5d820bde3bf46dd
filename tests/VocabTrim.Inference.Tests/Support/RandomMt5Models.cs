using VocabTrim.Inference.Mt5;
using VocabTrim.TestSupport;

namespace VocabTrim.Inference.Tests.Support;

/// <summary>
/// A <see cref="RandomMt5"/> network in a folder of its own, loaded twice: as vocabtrim runs it (float32, fused
/// paths where they apply) and evaluated in float64, the exact values both float32 paths are held to.
/// </summary>
public sealed class RandomMt5Models : IDisposable
{
    private readonly TempDir _dir = new();

    /// <param name="dFf">
    /// d_ff; by default <c>2 · d_model − 8</c>, wider than the model and not a multiple of it.
    /// </param>
    public RandomMt5Models(string feedForward, bool tied, int dModel, int dKv, int heads, int? dFf = null)
    {
        RandomMt5.Write(_dir.Path, feedForward, tied, dModel, dKv, heads, dFf ?? dModel * 2 - 8);
        Model = (Mt5Model)LanguageModels.Load(_dir.Path);
        Exact = RandomMt5.LoadFloat64(_dir.Path);
    }

    public Mt5Model Model { get; }

    public Mt5Model Exact { get; }

    public void Dispose()
    {
        Exact.Dispose();
        Model.Dispose();
        _dir.Dispose();
    }
}
