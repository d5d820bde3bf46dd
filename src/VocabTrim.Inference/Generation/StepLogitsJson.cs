using System.Text.Json;

namespace VocabTrim.Inference.Generation;

/// <summary>
/// Every decoding step's full logits vector as JSON (<c>--logits-out</c>), in the layout of the shared
/// reference runs (<c>cases[i].input_ids / generated / step_logits[k].values</c>, plus argmax and logsumexp),
/// so that another implementation's output can be compared number for number.
/// </summary>
public static class StepLogitsJson
{
    public static void Write(Stream destination, string model, IReadOnlyList<IReadOnlyList<long>> inputs,
        GenerationResult result)
    {
        using var json = new Utf8JsonWriter(destination);
        json.WriteStartObject();
        json.WriteString("model", model);
        json.WriteStartArray("cases");
        for (var i = 0; i < inputs.Count; i++)
        {
            json.WriteStartObject();
            WriteIds(json, "input_ids", inputs[i]);
            WriteIds(json, "generated", result.Tokens[i]);
            json.WriteStartArray("step_logits");
            foreach (var values in result.StepLogits[i])
            {
                json.WriteStartObject();
                json.WriteNumber("argmax", GreedyChoice.Of(values));
                json.WriteNumber("logsumexp", LogSumExp(values));
                json.WriteStartArray("values");
                foreach (var v in values) json.WriteNumberValue(v);
                json.WriteEndArray();
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteIds(Utf8JsonWriter json, string name, IEnumerable<long> ids)
    {
        json.WriteStartArray(name);
        foreach (var id in ids) json.WriteNumberValue(id);
        json.WriteEndArray();
    }

    private static double LogSumExp(float[] values)
    {
        double max = values.Max();
        return max + Math.Log(values.Sum(v => Math.Exp(v - max)));
    }
}
