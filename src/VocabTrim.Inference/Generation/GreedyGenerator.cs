using TorchSharp;
using static TorchSharp.torch;

namespace VocabTrim.Inference.Generation;

/// <summary>
/// Greedy decoding of a batch with either model family: each step takes the argmax (the first index on ties,
/// as torch does), feeds it back through the cache, and stops a sequence at eos. Finished sequences keep
/// receiving the pad token, as transformers does, so the batch stays rectangular; their outputs end at eos.
/// </summary>
public sealed class GreedyGenerator(ILanguageModel model)
{
    /// <param name="cancel">Checked before every step.</param>
    public GenerationResult Generate(IReadOnlyList<IReadOnlyList<long>> inputs, GenerationOptions options,
        CancellationToken cancel = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(options.MaxNewTokens);
        if (options.KeepStepLogits)
            GenerationRequest.Check(model, inputs, options.MaxNewTokens,
                hostBytesPerNewToken: (long)inputs.Count * model.VocabularySize * sizeof(float));
        var batch = inputs.Count;
        var tokens = Enumerable.Range(0, batch).Select(_ => new List<long>()).ToArray();
        var logits = Enumerable.Range(0, batch).Select(_ => new List<float[]>()).ToArray();
        var heads = Enumerable.Range(0, batch).Select(_ => new List<float[]>()).ToArray();
        if (options.MaxNewTokens > 0)
        {
            using var noGrad = inference_mode();
            using var state = model.Start(inputs, options.MaxNewTokens);
            using var threads = DecodingThreads.Enter();
            var finished = new bool[batch];
            for (var step = 0; step < options.MaxNewTokens; step++)
            {
                cancel.ThrowIfCancellationRequested();
                using var scope = NewDisposeScope();
                var next = GreedyChoice.Of(state.Logits);                                  // [batch]
                float[]? host = options.KeepStepLogits ? state.Logits.cpu().data<float>().ToArray() : null;
                float[]? head = options.KeepHeadInputs
                    ? state.HeadInput.to(ScalarType.Float32).cpu().contiguous().data<float>().ToArray()
                    : null;
                var width = head is null ? 0 : head.Length / batch;
                for (var i = 0; i < batch; i++)
                {
                    if (finished[i])
                    {
                        next[i] = model.PadTokenId;
                        continue;
                    }
                    tokens[i].Add(next[i]);
                    if (host is not null) logits[i].Add(host.AsSpan(i * model.VocabularySize,
                        model.VocabularySize).ToArray());
                    if (head is not null) heads[i].Add(head.AsSpan(i * width, width).ToArray());
                    if (options.StopAtEos && model.EosTokenIds.Contains(next[i])) finished[i] = true;
                }
                if (finished.All(f => f) || step == options.MaxNewTokens - 1) break;
                state.Append(tensor(next, ScalarType.Int64, model.Device));
            }
        }
        return new GenerationResult(
            [.. tokens.Select(t => t.ToArray())],
            [.. logits.Select(l => (IReadOnlyList<float[]>)l)],
            options.KeepHeadInputs ? [.. heads.Select(h => (IReadOnlyList<float[]>)h)] : null);
    }
}
