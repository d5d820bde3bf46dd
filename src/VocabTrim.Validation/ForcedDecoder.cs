using VocabTrim.Inference;
using static TorchSharp.torch;

namespace VocabTrim.Validation;

/// <summary>
/// Runs a model along given token sequences (teacher forcing) and returns its logits at every step, so two
/// models can be compared on the same path even where their own greedy choices would part.
/// </summary>
internal static class ForcedDecoder
{
    /// <returns>Per sequence, per step k: the float32 logits before token k of <paramref name="forced"/>.</returns>
    public static List<List<float[]>> Run(ILanguageModel model, IReadOnlyList<IReadOnlyList<long>> inputs, CancellationToken cancel, IReadOnlyList<long[]> forced)
    {
        var batch = inputs.Count;
        var logits = Enumerable.Range(0, batch).Select(_ => new List<float[]>()).ToList();
        var steps = forced.Count == 0 ? 0 : forced.Max(f => f.Length);
        if (steps == 0) return logits;
        using var noGrad = inference_mode();
        using var state = model.Start(inputs, steps);
        for (var k = 0; k < steps; k++)
        {
            cancel.ThrowIfCancellationRequested();
            using var scope = NewDisposeScope();
            var host = state.Logits.cpu().data<float>().ToArray(); // [batch, vocab]
            var next = new long[batch];
            for (var i = 0; i < batch; i++)
            {
                if (k < forced[i].Length)
                {
                    logits[i].Add(host.AsSpan(i * model.VocabularySize, model.VocabularySize).ToArray());
                    next[i] = forced[i][k];
                }
                else next[i] = model.PadTokenId;
            }
            if (k == steps - 1) break;
            state.Append(tensor(next, ScalarType.Int64, model.Device));
        }
        return logits;
    }
}
