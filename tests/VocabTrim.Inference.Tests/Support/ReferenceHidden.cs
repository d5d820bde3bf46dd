using System.Text.Json;
using VocabTrim.TestSupport;

namespace VocabTrim.Inference.Tests.Support;

/// <summary>
/// Per-layer hidden states of <c>&lt;name&gt;.hidden.json</c> for one input: each named list (encoder_hidden_states,
/// decoder_hidden_states, hidden_states) holds [layers + 1][positions][width]; decoder_input_ids are the
/// teacher-forced decoder inputs for mT5.
/// </summary>
public sealed record ReferenceHiddenCase(long[] InputIds, long[]? DecoderInputIds,
    IReadOnlyDictionary<string, double[][][]> States)
{
    public static IReadOnlyList<ReferenceHiddenCase> Load(string name)
    {
        using var doc = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(SharedData.Reference(name),
            $"{name}.hidden.json")));
        return [.. doc.RootElement.GetProperty("cases").EnumerateArray().Select(c =>
        {
            var hidden = c.GetProperty("hidden");
            var states = hidden.EnumerateObject()
                .Where(p => p.Name.EndsWith("hidden_states", StringComparison.Ordinal))
                .ToDictionary(p => p.Name, p => p.Value.EnumerateArray()
                    .Select(layer => layer.EnumerateArray().Select(ReferenceRun.Doubles).ToArray()).ToArray());
            var decoderIds = hidden.TryGetProperty("decoder_input_ids", out var d) ? ReferenceRun.Longs(d) : null;
            return new ReferenceHiddenCase(ReferenceRun.Longs(c.GetProperty("input_ids")), decoderIds, states);
        })];
    }
}
