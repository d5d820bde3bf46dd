using System.Runtime.InteropServices;
using VocabTrim.Inference;
using VocabTrim.Inference.Generation;
using static TorchSharp.torch;

namespace VocabTrim.Validation;

/// <summary>
/// Runs a model along given token sequences (teacher forcing) and returns, at every step, its logits at the
/// kept ids and its best token, so two models can be compared on the same path even where their own greedy
/// choices would part.
/// </summary>
internal static class ForcedDecoder
{
    /// <returns>Per sequence, per step k: the step before token k of <paramref name="forced"/>.</returns>
    public static List<List<ForcedStep>> Run(ILanguageModel model, IReadOnlyList<IReadOnlyList<long>> inputs,
        CancellationToken cancel, IReadOnlyList<long[]> forced, IReadOnlyList<int> keptIds)
    {
        var batch = inputs.Count;
        var steps = Enumerable.Range(0, batch).Select(_ => new List<ForcedStep>()).ToList();
        var count = forced.Count == 0 ? 0 : forced.Max(f => f.Length);
        if (count == 0) return steps;
        using var noGrad = inference_mode();
        using var state = model.Start(inputs, count);
        var vocab = model.VocabularySize;
        for (var k = 0; k < count; k++)
        {
            cancel.ThrowIfCancellationRequested();
            using var scope = NewDisposeScope();
            var host = state.Logits.cpu().contiguous();                                     // [batch, vocab]
            var all = MemoryMarshal.Cast<byte, float>(host.bytes);
            var next = new long[batch];
            for (var i = 0; i < batch; i++)
            {
                if (k < forced[i].Length)
                {
                    var row = all.Slice(i * vocab, vocab);
                    var kept = new float[keptIds.Count];
                    for (var j = 0; j < kept.Length; j++) kept[j] = row[keptIds[j]];
                    steps[i].Add(new ForcedStep(kept, (int)GreedyChoice.Of(row)));
                    next[i] = forced[i][k];
                }
                else next[i] = model.PadTokenId;
            }
            if (k == count - 1) break;
            state.Append(tensor(next, ScalarType.Int64, model.Device));
        }
        return steps;
    }
}
