using System.Diagnostics;
using VocabTrim.Checkpoints;
using VocabTrim.Corpora;
using VocabTrim.Inference;
using VocabTrim.Inference.Generation;
using VocabTrim.Surgery;
using VocabTrim.Tokenizers;

namespace VocabTrim.Validation;

/// <summary>
/// The validation stage: compares a slim model folder with its original on real sentences.
/// 1. Tokenization: the slim tokenizer must give exactly the original ids, mapped, for every sentence whose
///    original ids were all kept ("covered"); for the rest it says how they fall back (bytes, unknown).
/// 2. Logits: the first sentences, as the slim tokenizer encodes them, are decoded greedily by the slim model, and the
///    original is driven along the same tokens; at every step the slim logits must equal the original's restricted to
///    the kept ids, and the slim model's choice must be the original's best kept id. (How often the original's own
///    greedy output would have left the kept vocabulary is reported, not judged: that is what trimming means.)
/// 3. Size and speed: parameters, weight bytes, tokens/s and peak memory of both (the slim model runs first,
///    so the peak after it is the slim model's own).
/// </summary>
public sealed partial class SlimModelValidator(ValidationOptions options)
{
    private Action<ValidationProgress>? _progress;

    /// <param name="inputIds">
    /// Id sequences in original ids (for models without a tokenizer, e.g. the shared inputs.json); every id must
    /// be kept. They are compared under the name "ids" with <paramref name="inputIdsSource"/> as their corpus.
    /// </param>
    /// <param name="progress">The share of the model comparison done, for a bar with an ETA (streamed runs).</param>
    public ValidationReport Validate(string originalFolder, string slimFolder,
        IReadOnlyList<(string Language, string Corpus)> corpora,
        Action<string>? log = null, IReadOnlyList<int[]>? inputIds = null, string inputIdsSource = "ids",
        CancellationToken cancel = default, Action<ValidationProgress>? progress = null)
    {
        _progress = progress;
        // One read of vocabtrim.json for the kept ids and the source check.
        var manifest = options.Kept == null || options.CheckSource ? KeptIdMap.ReadManifest(slimFolder) : null;
        var map = options.Kept ?? KeptIdMap.Of(manifest!, Path.Combine(slimFolder, TrimManifest.FileName));
        if (options.CheckSource)
        {
            log?.Invoke($"checking that {originalFolder} is the model {slimFolder} was made from");
            SourceFolderCheck.Verify(originalFolder, slimFolder, manifest!, cancel);
        }
        var inference = options.Inference ?? InferenceOptions.Default;
        var tokenization =
            new List<(string Language, string Corpus, TokenizationCounts Counts, List<int[]> LogitInputs)>();
        if (inputIds != null)
        {
            for (var i = 0; i < inputIds.Count; i++)
                foreach (var id in inputIds[i])
                    if (!map.TryToSlim(id, out _))
                        throw new ValidationException(
                            $"{inputIdsSource}: input {i} has id {id}, which the slim model does not keep");
            var n = inputIds.Count;
            tokenization.Add(("ids", inputIdsSource,
                new TokenizationCounts { Sentences = n, Covered = n, CoveredIdentical = n },
                [.. inputIds.Where(ids => ids.Length > 0)]));
        }
        if (corpora.Count == 0) return Finish(originalFolder, slimFolder, map, inference, tokenization, log, cancel);

        var originalTokenizer = options.OriginalTokenizer ?? TokenizerFile.Load(originalFolder).Tokenizer;
        var slimTokenizer = TokenizerFile.Load(slimFolder).Tokenizer;
        // Tokenization, and the sentences each corpus contributes to the model comparison.
        foreach (var (language, corpus) in corpora)
        {
            log?.Invoke($"{language}: tokenizing up to {options.MaxSentences:N0} sentences of {corpus}");
            using var reader = LeipzigCorpus.Open(corpus,
                new CorpusReadOptions { MaxSentences = options.MaxSentences });
            var counts = new TokenizationCounts();
            var logitInputs = new List<int[]>();
            foreach (var sentence in reader.ReadSentences())
            {
                cancel.ThrowIfCancellationRequested();
                counts.Sentences++;
                var original = originalTokenizer.Encode(sentence);
                var slim = slimTokenizer.Encode(sentence);
                // The model comparison feeds both models the slim encoding (in original ids through the keep
                // list), so it needs no covered sentences; for covered ones it is the original's own encoding.
                if (logitInputs.Count < options.LogitSentences && slim.Length > 0)
                    logitInputs.Add([.. slim.Select(id => map.Ids[id])]);
                var mapped = map.ToSlim(original);
                if (mapped != null)
                {
                    counts.Covered++;
                    if (mapped.AsSpan().SequenceEqual(slim)) counts.CoveredIdentical++;

                }
                else
                {
                    if (slim.Any(id => slimTokenizer.KindOf(id) == PieceKind.Byte)) counts.WithByteFallback++;
                    if (slim.Any(id => slimTokenizer.KindOf(id) == PieceKind.Unknown)) counts.WithUnknown++;
                }
            }
            tokenization.Add((language, corpus, counts, logitInputs));
        }
        return Finish(originalFolder, slimFolder, map, inference, tokenization, log, cancel);
    }

    private ValidationReport Finish(string originalFolder, string slimFolder, KeptIdMap map, InferenceOptions inference,
        List<(string Language, string Corpus, TokenizationCounts Counts, List<int[]> LogitInputs)> tokenization,
        Action<string>? log, CancellationToken cancel)
    {

        var slimStored = ComparisonDtype.StoredIn(slimFolder);
        var originalStored = ComparisonDtype.StoredIn(originalFolder);
        var compute = ComparisonDtype.Choose(originalStored, slimStored, inference.Dtype);
        if (compute != inference.Dtype)
            log?.Invoke($"the slim model's weights are {slimStored?.SafetensorsName}: both models run in "
                + $"{ComparisonDtype.Name(compute)}");
        inference = inference with { Dtype = compute };
        if (options.Streamed)
            return FinishStreamed(originalFolder, slimFolder, map, inference, tokenization, log, cancel, originalStored,
                slimStored);

        // The slim model first: the process's peak memory after it is the slim model's own.
        var inputs = tokenization.Select(t => t.LogitInputs).ToList();
        log?.Invoke("running the slim model");
        var (slimRuns, slimMeasure) = RunFree(slimFolder, inference, inputs, ids => map.ToSlim(ids)!, cancel);
        // The original is driven along the slim model's tokens only. Where the slim model chose the original's best
        // kept token at every step (what is judged), the original's own greedy run would follow the same path for as
        // long as its unrestricted best token is kept; so that path needs no run of its own.
        log?.Invoke("running the original model along the slim model's tokens");
        var (originalRuns, originalMeasure) = RunForced(originalFolder, inference, inputs,
            [.. slimRuns.Select(run => run.Tokens.Select(t => t.Select(id => (long)map.Ids[(int)id]).ToArray())
                .ToList())], map.Ids, cancel);

        return Report(originalFolder, slimFolder, map, tokenization, slimRuns, originalRuns,
            originalMeasure with { StoredDtype = originalStored?.SafetensorsName ?? "mixed" },
            slimMeasure with { StoredDtype = slimStored?.SafetensorsName ?? "mixed" });
    }

    private ValidationReport Report(string originalFolder, string slimFolder, KeptIdMap map,
        List<(string Language, string Corpus, TokenizationCounts Counts, List<int[]> LogitInputs)> tokenization,
        List<GenerationResult> slimRuns, List<List<List<ForcedStep>>> originalRuns, ModelMeasurement originalMeasure,
        ModelMeasurement slimMeasure)
    {
        var languages = new List<LanguageValidation>();
        var failures = new List<string>();
        for (var l = 0; l < tokenization.Count; l++)
        {
            var (language, corpus, counts, logitInputs) = tokenization[l];
            var comparison = Compare(originalRuns[l], slimRuns[l]);
            var result = new LanguageValidation(language, corpus, counts.Sentences, counts.Covered,
                counts.CoveredIdentical, counts.WithByteFallback, counts.WithUnknown, logitInputs.Count,
                comparison.Steps, comparison.MaxAbs, comparison.OutOfTolerance, comparison.GreedyIdentical,
                OriginalGreedyStaysKept(map, originalRuns[l]));
            languages.Add(result);
            if (result.CoveredIdentical != result.Covered)
                failures.Add(
                    $"{language}: {result.Covered - result.CoveredIdentical} covered sentences tokenize differently in "
                    + "the slim model");
            if (result.LogitValuesOutOfTolerance > 0)
                failures.Add(
                    $"{language}: {result.LogitValuesOutOfTolerance} logits differ by more than "
                    + $"{options.AbsoluteTolerance:G3} + {options.RelativeTolerance:G3}·|logit| (max |Δ| "
                    + $"{result.MaxAbsLogitDifference:G3})");
            if (result.GreedyIdentical != result.LogitSentences)
                failures.Add(
                    $"{language}: the slim model's greedy choice is not the original's best kept token on "
                    + $"{result.LogitSentences - result.GreedyIdentical} of {result.LogitSentences} sentences");
        }
        return new ValidationReport(Path.GetFullPath(originalFolder), Path.GetFullPath(slimFolder), options, languages,
            originalMeasure, slimMeasure, failures);
    }

    private sealed class TokenizationCounts
    {
        public int Sentences, Covered, CoveredIdentical, WithByteFallback, WithUnknown;
    }

    /// <summary>Greedy generation per language, keeping every step's logits; timed for tokens/s.</summary>
    private (List<GenerationResult> Runs, ModelMeasurement Measure) RunFree(string folder, InferenceOptions inference,
        List<List<int[]>> inputsPerLanguage, Func<int[], int[]> toModelIds, CancellationToken cancel)
    {
        using var model = LanguageModels.Load(folder, inference);
        var generator = new GreedyGenerator(model);
        var batches = Batches(model, inputsPerLanguage, toModelIds);
        WarmUp(generator, batches);
        var runs = new List<GenerationResult>();
        long generated = 0;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        foreach (var batch in batches)
        {
            cancel.ThrowIfCancellationRequested();
            var result = batch.Count == 0 ? new GenerationResult([], [])
                : generator.Generate(batch,
                    new GenerationOptions(options.MaxNewTokens, StopAtEos: true, KeepStepLogits: true));
            generated += result.Tokens.Sum(t => t.Length);
            runs.Add(result);
        }
        return (runs, Measure(folder, model, inference, generated, clock.Elapsed.TotalSeconds));
    }

    /// <summary>
    /// Teacher-forced decoding per language along the given tokens; timed for tokens/s (one decoding step per token, as
    /// in generation).
    /// </summary>
    private (List<List<List<ForcedStep>>> Runs, ModelMeasurement Measure) RunForced(string folder,
        InferenceOptions inference, List<List<int[]>> inputsPerLanguage, List<List<long[]>> forcedPerLanguage,
        IReadOnlyList<int> keptIds, CancellationToken cancel)
    {
        using var model = LanguageModels.Load(folder, inference);
        var batches = Batches(model, inputsPerLanguage, ids => ids);
        WarmUp(new GreedyGenerator(model), batches);
        var runs = new List<List<List<ForcedStep>>>();
        long decoded = 0;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        for (var l = 0; l < batches.Count; l++)
        {
            runs.Add(batches[l].Count == 0
                ? [] : ForcedDecoder.Run(model, batches[l], cancel, forcedPerLanguage[l], keptIds));
            decoded += forcedPerLanguage[l].Sum(f => f.Length);
        }
        return (runs, Measure(folder, model, inference, decoded, clock.Elapsed.TotalSeconds));
    }

    private static List<List<IReadOnlyList<long>>> Batches(ILanguageModel model, List<List<int[]>> inputsPerLanguage,
        Func<int[], int[]> toModelIds) =>
        [.. inputsPerLanguage.Select(sentences => sentences.Select(ids => (IReadOnlyList<long>)[
            .. toModelIds(ids).Select(i => (long)i),
            // mT5 reads the sentence as encoder input ending in eos; decoder-only models continue it.
            .. model.IsEncoderDecoder ? [model.EosTokenId] : Array.Empty<long>()]).ToList())];

    /// <summary>One untimed short run first, so that tokens/s measures the model and not JIT compilation.</summary>
    private static void WarmUp(GreedyGenerator generator, List<List<IReadOnlyList<long>>> batches)
    {
        var first = batches.FirstOrDefault(b => b.Count > 0);
        if (first != null) generator.Generate(first, new GenerationOptions(2));
    }

    private static ModelMeasurement Measure(string folder, ILanguageModel model, InferenceOptions inference,
        long tokens, double seconds) =>
        Measure(folder, inference, tokens, seconds, model.VocabularySize);

    private static ModelMeasurement Measure(string folder, InferenceOptions inference, long tokens, double seconds,
        long vocabularyRows)
    {
        using var checkpoint = Checkpoint.Open(folder);
        // The files the model was loaded from, not every weight file in the folder (a pickle beside the safetensors).
        var weightBytes = Checkpoint.FilesOf(checkpoint).Sum(f => new FileInfo(f).Length);
        return new ModelMeasurement(checkpoint.ParameterCount(), weightBytes, vocabularyRows, tokens, seconds,
            PeakMemory.Bytes(), ComputeDtype: ComparisonDtype.Name(inference.Dtype));
    }

    /// <summary>
    /// Sentences where the original's unrestricted best token was a kept one at every step of the slim model's path:
    /// those whose own greedy output would not have left the kept vocabulary.
    /// </summary>
    private static int OriginalGreedyStaysKept(KeptIdMap map, List<List<ForcedStep>> original) =>
        original.Count(steps => steps.All(step => map.TryToSlim(step.ArgMax, out _)));

    /// <summary>
    /// Slim step logits against the original's, restricted to the kept ids, along the slim model's own tokens.
    /// </summary>
    private (int Steps, double MaxAbs, long OutOfTolerance, int GreedyIdentical) Compare(
        List<List<ForcedStep>> original, GenerationResult slim)
    {
        int steps = 0, identical = 0;
        double maxAbs = 0;
        long outside = 0;
        for (var s = 0; s < slim.Tokens.Count; s++)
        {
            var same = true;
            for (var k = 0; k < slim.Tokens[s].Length; k++)
            {
                var originalLogits = original[s][k].KeptLogits;                    // at the kept ids, in slim order
                var slimLogits = slim.StepLogits[s][k];
                steps++;
                var best = 0;
                for (var j = 0; j < originalLogits.Length; j++)
                {
                    var reference = originalLogits[j];
                    if (reference > originalLogits[best]) best = j;
                    var diff = Math.Abs((double)slimLogits[j] - reference);
                    maxAbs = Math.Max(maxAbs, diff);
                    if (diff > options.AbsoluteTolerance + options.RelativeTolerance * Math.Abs(reference)) outside++;
                }
                if (best != slim.Tokens[s][k]) same = false;
            }
            if (same) identical++;
        }
        return (steps, maxAbs, outside, identical);
    }
}
