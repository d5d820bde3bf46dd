using System.Diagnostics;
using System.Globalization;
using VocabTrim.Checkpoints;
using VocabTrim.Inference;
using VocabTrim.Inference.Generation;
using VocabTrim.Inference.Mt5;
using VocabTrim.Inference.Weights;

namespace VocabTrim.Validation;

/// <summary>
/// The streamed comparison (docs/validation.md): every sentence in one batch, layer weights read per layer run, and
/// the original's body skipped when the folders are proven to share it byte for byte.
/// </summary>
public sealed partial class SlimModelValidator
{
    private ValidationReport FinishStreamed(string originalFolder, string slimFolder, KeptIdMap map,
        InferenceOptions inference,
        List<(string Language, string Corpus, TokenizationCounts Counts, List<int[]> LogitInputs)> tokenization,
        Action<string>? log, CancellationToken cancel, Dtype? originalStored, Dtype? slimStored)
    {
        var inputs = tokenization.Select(t => t.LogitInputs).ToList();
        var work = new ProgressShares(_progress);
        var slimBytes = WeightBytes(slimFolder);
        var originalBytes = WeightBytes(originalFolder);
        // Estimates until the slim model is loaded and says what one pass over each stack reads.
        work.Plan(("identity", 2.0 * slimBytes), ("slim", slimBytes * (options.MaxNewTokens + 1) * 0.5),
            ("original", slimBytes));

        log?.Invoke("checking that the slim model's body is the original's, byte for byte (SHA-256 of both folders)");
        var identity = BodyIdentity.Check(originalFolder, slimFolder, map, cancel,
            (done, total) =>
                work.Report("identity", $"hashing both folders: {done / 1e6:N0} of {total / 1e6:N0} MB",
                    total == 0 ? 1 : (double)done / total));
        log?.Invoke(identity.Holds
            ? string.Create(CultureInfo.InvariantCulture,
                $"bodies identical ({identity.BytesHashed / 1e9:F1} GB hashed in {identity.Seconds:F0} s): the "
                + $"original runs its LM head only")
            : $"bodies differ ({identity.Reason}): the original runs in full");

        log?.Invoke("running the slim model (layer weights streamed, all sentences in one batch)");
        var clock = new StackClock();
        var slimWatch = Stopwatch.StartNew();
        var (slimRuns, slimMeasure, slimStreaming, modelType) = RunFreeStreamed(slimFolder, inference, inputs,
            ids => map.ToSlim(ids)!, clock, work, cancel);
        var slimSeconds = slimWatch.Elapsed.TotalSeconds;

        var originalWatch = Stopwatch.StartNew();
        List<List<List<ForcedStep>>> originalRuns;
        ModelMeasurement originalMeasure;
        if (identity.Holds)
        {
            log?.Invoke("applying the original's LM head to the slim model's hidden states");
            var heads = slimRuns.SelectMany(r => r.HeadInputs!.SelectMany(h => h)).ToList();
            var batch = slimRuns.Sum(r => r.HeadInputs!.Count);
            var (steps, headRows) = OriginalHead.Apply(originalFolder, inference, heads, batch, map.Ids, cancel,
                (done, total) =>
                    work.Report("original", $"the original's LM head: {done:N0} of {total:N0} rows",
                        (double)done / total));
            originalRuns = Split(slimRuns, steps);
            originalMeasure = Measure(originalFolder, inference, 0, 0, headRows);
        }
        else
        {
            log?.Invoke("running the original model along the slim model's tokens (layer weights streamed)");
            work.Plan(("original", originalBytes * (options.MaxNewTokens + 1) * 0.5));
            (originalRuns, originalMeasure) = RunForcedStreamed(originalFolder, inference, inputs,
                [.. slimRuns.Select(run => run.Tokens.Select(t => t.Select(id => (long)map.Ids[(int)id]).ToArray())
                    .ToList())], map.Ids, work, cancel);
        }
        // Decoder-only families have one stack: its first pass is the prompt's, the others are the steps.
        var decoderOnly = modelType is "bloom" or "llama" or "qwen2";
        var decoder = modelType switch
        {
            "bloom" => Inference.Bloom.BloomModel.BlockStack,
            "llama" or "qwen2" => Inference.Llama.LlamaModel.LayerStack,
            _ => Mt5Model.DecoderStack,
        };
        var run = new ValidationRun(true, identity.Holds ? ValidationRun.HeadOnly : ValidationRun.Full, identity.Reason,
            identity.Sha256, identity.Seconds, slimSeconds, decoderOnly ? 0 : clock.Seconds(Mt5Model.EncoderStack),
            clock.Seconds(decoder), clock.Passes(decoder), slimStreaming.ReadTime.TotalSeconds,
            slimStreaming.BytesRead, originalWatch.Elapsed.TotalSeconds);
        var report = Report(originalFolder, slimFolder, map, tokenization, slimRuns, originalRuns,
            originalMeasure with { StoredDtype = originalStored?.SafetensorsName ?? "mixed" },
            slimMeasure with { StoredDtype = slimStored?.SafetensorsName ?? "mixed" });
        return report with { Run = run };
    }

    /// <summary>
    /// Greedy generation of every language's sentences as one batch, with layer weights streamed; results split back
    /// per language.
    /// </summary>
    private (List<GenerationResult> Runs, ModelMeasurement Measure, LayerStreaming Streaming, string ModelType)
        RunFreeStreamed(string folder, InferenceOptions inference, List<List<int[]>> inputsPerLanguage,
        Func<int[], int[]> toModelIds,
        StackClock clock, ProgressShares work, CancellationToken cancel)
    {
        var streaming = Streaming("slim", "slim model", clock, work, cancel);
        using var model = LanguageModels.Load(folder, inference, streaming: streaming.Streaming);
        streaming.Expect(model.ModelType, options.MaxNewTokens);
        var batches = Batches(model, inputsPerLanguage, toModelIds);
        var all = batches.SelectMany(b => b).ToList();
        var watch = Stopwatch.StartNew();
        var result = all.Count == 0 ? new GenerationResult([], [], [])
            : new GreedyGenerator(model)
                .Generate(all, new GenerationOptions(
                    options.MaxNewTokens, StopAtEos: true, KeepStepLogits: true, KeepHeadInputs: true));
        clock.Close();
        var runs = new List<GenerationResult>();
        var at = 0;
        foreach (var batch in batches)
        {
            runs.Add(new GenerationResult([.. result.Tokens.Skip(at).Take(batch.Count)],
                [.. result.StepLogits.Skip(at).Take(batch.Count)], [.. result.HeadInputs!.Skip(at).Take(batch.Count)]));
            at += batch.Count;
        }
        return (runs,
            Measure(folder, inference, result.Tokens.Sum(t => t.Length), watch.Elapsed.TotalSeconds,
                model.VocabularySize),
            streaming.Streaming, model.ModelType);
    }

    /// <summary>
    /// Teacher-forced decoding of every language's sentences as one batch along the given tokens, with layer weights
    /// streamed.
    /// </summary>
    private (List<List<List<ForcedStep>>> Runs, ModelMeasurement Measure) RunForcedStreamed(string folder,
        InferenceOptions inference, List<List<int[]>> inputsPerLanguage, List<List<long[]>> forcedPerLanguage,
        IReadOnlyList<int> keptIds, ProgressShares work, CancellationToken cancel)
    {
        var streaming = Streaming("original", "original model", new StackClock(), work, cancel);
        using var model = LanguageModels.Load(folder, inference, streaming: streaming.Streaming);
        streaming.Expect(model.ModelType, options.MaxNewTokens);
        var batches = Batches(model, inputsPerLanguage, ids => ids);
        var watch = Stopwatch.StartNew();
        var steps = ForcedDecoder.Run(model, [.. batches.SelectMany(b => b)], cancel,
            [.. forcedPerLanguage.SelectMany(f => f)], keptIds);
        var runs = new List<List<List<ForcedStep>>>();
        var at = 0;
        foreach (var batch in batches)
        {
            runs.Add([.. steps.Skip(at).Take(batch.Count)]);
            at += batch.Count;
        }
        return (runs,
            Measure(folder, inference, forcedPerLanguage.Sum(f => f.Sum(t => t.Length)), watch.Elapsed.TotalSeconds,
                model.VocabularySize));
    }

    /// <summary>
    /// Layer streaming that reports each layer run to the clock and as progress of <paramref name="phase"/>.
    /// </summary>
    private static StreamingProgress Streaming(string phase, string label, StackClock clock, ProgressShares work,
        CancellationToken cancel) =>
        new(phase, label, clock, work, cancel);

    private sealed class StreamingProgress
    {
        private readonly Dictionary<string, double> _share = [];
        private long _runs;

        public StreamingProgress(string phase, string label, StackClock clock, ProgressShares work,
            CancellationToken cancel)
        {
            Streaming = new LayerStreaming
            {
                Cancellation = cancel,
                LayerStarting = (stack, index) =>
                {
                    clock.Starting(stack, index);
                    _runs++;
                    work.Advance(phase,
                        $"{label}: {stack} layer {index + 1} of {Streaming!.StackLayers.GetValueOrDefault(stack)} "
                        + $"({_runs:N0} layer runs)", _share.GetValueOrDefault(stack));
                },
            };
            (_phase, _work) = (phase, work);
        }

        private readonly string _phase;
        private readonly ProgressShares _work;

        public LayerStreaming Streaming { get; }

        /// <summary>
        /// Weighs the phase by what its passes read: mT5's encoder once, its decoder per step plus once for the
        /// cross-attention keys; BLOOM's blocks per step.
        /// </summary>
        public void Expect(string modelType, int steps)
        {
            var passes = modelType switch
            {
                "bloom" => new Dictionary<string, long> { [Inference.Bloom.BloomModel.BlockStack] = steps },
                "llama" or "qwen2" => new Dictionary<string, long> { [Inference.Llama.LlamaModel.LayerStack] = steps },
                _ => new Dictionary<string, long> { [Mt5Model.EncoderStack] = 1, [Mt5Model.DecoderStack] = steps + 1 },
            };
            var bytes = passes.Sum(p => Streaming.StackBytes.GetValueOrDefault(p.Key) * (double)p.Value);
            _work.Plan((_phase, bytes));
            foreach (var (stack, total) in Streaming.StackBytes)
                _share[stack] = bytes <= 0
                    ? 0 : total / (double)Math.Max(1, Streaming.StackLayers.GetValueOrDefault(stack)) / bytes;
        }
    }

    private static long WeightBytes(string folder)
    {
        using var checkpoint = Checkpoint.Open(folder);
        return Checkpoint.FilesOf(checkpoint).Sum(f => new FileInfo(f).Length);
    }

    /// <summary>
    /// Per sequence, per step, the head's results in the order the slim run's head inputs were flattened.
    /// </summary>
    private static List<List<List<ForcedStep>>> Split(List<GenerationResult> slimRuns, ForcedStep[] steps)
    {
        var at = 0;
        var result = new List<List<List<ForcedStep>>>();
        foreach (var run in slimRuns)
        {
            var language = new List<List<ForcedStep>>();
            foreach (var sequence in run.HeadInputs!)
            {
                language.Add([.. steps.AsSpan(at, sequence.Count)]);
                at += sequence.Count;
            }
            result.Add(language);
        }
        return result;
    }
}
