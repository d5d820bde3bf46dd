using System.Text.Json;
using VocabTrim.TestSupport;

namespace VocabTrim.Inference.Tests.Support;

/// <summary>
/// One input of <c>&lt;name&gt;.run.json</c>: its ids, transformers' greedy output and the logits of the first steps.
/// </summary>
/// <remarks>
/// <see cref="OwnSpread"/> is how far transformers' own float32 logits moved between its ways of computing them
/// for this input (cached generate, no-cache loop, one teacher-forced forward): the float32 noise of the
/// input itself. For bloom-tiny's third input it is 2.05e-4 (gain-4 weights put residuals near 1e3, where
/// one float32 ulp is 6e-5), more than the README's 1e-4.
/// </remarks>
public sealed record ReferenceCase(long[] InputIds, long[] Generated, IReadOnlyList<double[]> StepLogits,
    double OwnSpread)
{
    /// <summary>
    /// The README's 1e-4 absolute tolerance, widened to 1.5 × <see cref="OwnSpread"/> only for inputs whose
    /// reference disagrees with itself by more than that.
    /// </summary>
    public double AbsoluteTolerance =>
        Math.Max(Tolerance.Absolute, OwnSpread > Tolerance.Absolute ? 1.5 * OwnSpread : 0);
}

/// <summary>The Hugging Face outputs for a shared reference model (<c>shared/reference/NAME</c>).</summary>
public sealed class ReferenceRun
{
    private ReferenceRun(string name, IReadOnlyList<ReferenceCase> cases, IReadOnlyList<long[]> batched,
        int maxNewTokens)
    {
        Name = name;
        Cases = cases;
        BatchedGenerated = batched;
        MaxNewTokens = maxNewTokens;
    }

    public string Name { get; }

    public string Folder => SharedData.Reference(Name);

    public IReadOnlyList<ReferenceCase> Cases { get; }

    public IReadOnlyList<long[]> BatchedGenerated { get; }

    public int MaxNewTokens { get; }

    public static ReferenceRun Load(string name)
    {
        using var doc = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(SharedData.Reference(name),
            $"{name}.run.json")));
        var root = doc.RootElement;
        var cases = root.GetProperty("cases").EnumerateArray().Select(c => new ReferenceCase(
            Longs(c.GetProperty("input_ids")),
            Longs(c.GetProperty("generated")),
            [.. c.GetProperty("step_logits").EnumerateArray().Select(s => Doubles(s.GetProperty("values")))],
            c.TryGetProperty("max_abs_diff",
                out var spread) ? spread.EnumerateObject().Max(p => p.Value.GetDouble()) : 0)).ToList();
        var batched = root.GetProperty("batched_generate").GetProperty("generated")
            .EnumerateArray().Select(Longs).ToList();
        return new ReferenceRun(name, cases, batched, root.GetProperty("max_new_tokens").GetInt32());
    }

    internal static long[] Longs(JsonElement e) => [.. e.EnumerateArray().Select(x => x.GetInt64())];

    internal static double[] Doubles(JsonElement e) => [.. e.EnumerateArray().Select(x => x.GetDouble())];
}
