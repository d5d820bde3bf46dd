using System.Globalization;
using TorchSharp;

namespace VocabTrim.Inference.Generation;

/// <summary>
/// Checks a generation before anything is allocated: every input non-empty and inside the vocabulary (libtorch
/// would fail deep inside an index_select), and the KV cache and attention the request needs within the memory
/// the machine has left (both families take any length: mT5's relative positions and BLOOM's ALiBi have no
/// position table, so memory is the limit). Refused requests say what the limit is, in one line.
/// </summary>
public static class GenerationRequest
{
    /// <param name="hostBytesPerNewToken">
    /// What the caller keeps in host memory per new token besides (e.g. every step's logits).
    /// </param>
    public static void Check(ILanguageModel model, IReadOnlyList<IReadOnlyList<long>> inputs, int maxNewTokens,
        long hostBytesPerNewToken = 0) =>
        Check(model, inputs, maxNewTokens,
            model.Device.type == DeviceType.CPU || hostBytesPerNewToken > 0 ? AvailableMemory.Bytes() : null,
            hostBytesPerNewToken);

    /// <param name="availableBytes">What may still be allocated; null: not known, not checked.</param>
    public static void Check(ILanguageModel model, IReadOnlyList<IReadOnlyList<long>> inputs, int maxNewTokens,
        long? availableBytes, long hostBytesPerNewToken)
    {
        if (inputs.Count == 0) throw new InferenceRequestException("no input to generate from");
        if (maxNewTokens < 0) throw new InferenceRequestException("the number of new tokens must not be negative, " +
            $"not {maxNewTokens}");
        for (var i = 0; i < inputs.Count; i++)
        {
            var where = inputs.Count == 1 ? "the input" : $"input {i + 1}";
            if (inputs[i].Count == 0) throw new InferenceRequestException($"{where} is empty: it needs at least one " +
                "token id");
            for (var j = 0; j < inputs[i].Count; j++)
            {
                if ((ulong)inputs[i][j] >= (ulong)model.VocabularySize)
                    throw new InferenceRequestException(
                        $"{where}: id {inputs[i][j]} at position {j + 1} is outside the model's vocabulary (ids 0 " +
                        $"to {model.VocabularySize - 1})");
            }
        }
        if (availableBytes is not { } available) return;
        var longest = inputs.Max(s => s.Count);
        var kept = (double)hostBytesPerNewToken * maxNewTokens;
        var needed = kept + (model.Device.type == DeviceType.CPU ? model.WorkingBytes(inputs.Count, longest,
            maxNewTokens) : 0);
        if (needed > available)
        {
            throw new InferenceRequestException(string.Create(CultureInfo.InvariantCulture,
                $"{Describe(inputs.Count, longest)} and {maxNewTokens:N0} new tokens need about {Gigabytes(needed)} " +
                $"for {(kept > 0 ? "the kept logits, " : "")}the KV cache and attention, " +
                $"but only {Gigabytes(available)} of memory is available: use a shorter input or fewer new tokens"));
        }
    }

    private static string Describe(int batch, int longest) => batch == 1
        ? string.Create(CultureInfo.InvariantCulture, $"a {longest:N0}-token input")
        : string.Create(CultureInfo.InvariantCulture, $"{batch:N0} inputs of up to {longest:N0} tokens");

    private static string Gigabytes(double bytes) =>
        string.Create(CultureInfo.InvariantCulture, $"{bytes / 1e9:N1} GB");
}
