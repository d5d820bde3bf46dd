using System.Text.Json;
using VocabTrim.TestSupport;

namespace VocabTrim.Inference.Tests.Support;

/// <summary>One input of <c>&lt;name&gt;.run.json</c>: its ids, transformers' greedy output and the logits of the first steps.</summary>
public sealed record ReferenceCase(long[] InputIds, long[] Generated, IReadOnlyList<double[]> StepLogits);

/// <summary>The Hugging Face outputs for a shared reference model (<c>shared/reference/NAME</c>).</summary>
public sealed class ReferenceRun
{
    private ReferenceRun(string name, IReadOnlyList<ReferenceCase> cases, IReadOnlyList<long[]> batched, int maxNewTokens)
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
        using var doc = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(SharedData.Reference(name), $"{name}.run.json")));
        var root = doc.RootElement;
        var cases = root.GetProperty("cases").EnumerateArray().Select(c => new ReferenceCase(
            Longs(c.GetProperty("input_ids")),
            Longs(c.GetProperty("generated")),
            [.. c.GetProperty("step_logits").EnumerateArray().Select(s => Doubles(s.GetProperty("values")))])).ToList();
        var batched = root.GetProperty("batched_generate").GetProperty("generated").EnumerateArray().Select(Longs).ToList();
        return new ReferenceRun(name, cases, batched, root.GetProperty("max_new_tokens").GetInt32());
    }

    internal static long[] Longs(JsonElement e) => [.. e.EnumerateArray().Select(x => x.GetInt64())];

    internal static double[] Doubles(JsonElement e) => [.. e.EnumerateArray().Select(x => x.GetDouble())];
}
