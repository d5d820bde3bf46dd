using System.Diagnostics;
using System.Globalization;
using VocabTrim.Corpora;
using VocabTrim.Common;
using VocabTrim.Counting;
using VocabTrim.Inference;
using VocabTrim.Inference.Families;
using VocabTrim.Selection;
using VocabTrim.Surgery;
using VocabTrim.Tokenizers;
using VocabTrim.Validation;

using VocabTrim.Reporting;

namespace VocabTrim.Adaptation;

/// <summary>
/// The stages of <see cref="Adaptation.Run"/>: count → select → trim (tokenizer and weights) → validate, after
/// "Load What You Need" (Abdaoui et al. 2020). Each stage hands the next what it needs in memory (the tokenizer read
/// once, the keep list, the trim's record); files are outputs only. Everything is written into the hidden folder of
/// <see cref="AdaptationFolder"/> and renamed into place at the end: the model folder from the trimmer plus
/// <c>keep.json</c>, <c>counts/</c>, <c>validation.json</c>, the card, report and recipe, and whatever
/// <c>finish</c> adds.
/// </summary>
internal sealed class AdaptationRun(IAdaptationObserver? observer)
{
    private readonly IAdaptationObserver _observer = observer ?? NullAdaptationObserver.Instance;

    public AdaptationResult Run(AdaptationPlan plan, Action<string, AdaptationResult>? finish, CancellationToken cancel)
    {
        if (plan.Languages.Count == 0) throw new AdaptationException("no languages to adapt to");
        var duplicate = plan.Languages.GroupBy(l => l.Language).FirstOrDefault(g => g.Count() > 1);
        if (duplicate != null) throw new AdaptationException($"language '{duplicate.Key}' is given twice");
        if (!Directory.Exists(plan.ModelFolder))
            throw new AdaptationException($"{plan.ModelFolder}: no such model folder");
        foreach (var l in plan.Languages)
            if (!File.Exists(l.Corpus) && !Directory.Exists(l.Corpus))
                throw new AdaptationException($"{l.Language}: corpus {l.Corpus} does not exist");
        RefuseOutputOverInputs(plan);
        if (plan.Validation != null) RefuseValidationWithoutNetwork(plan.ModelFolder);

        var stages = new List<StageTiming>();
        using var output = new AdaptationFolder(plan.OutputFolder, plan.Overwrite);

        var loaded = Timed(stages, "load tokenizer", $"loading the tokenizer of {plan.ModelFolder}", () =>
        {
            var tokenizer = TokenizerFile.Load(plan.ModelFolder);
            AdaptationPlanner.CheckTokenizer(plan, tokenizer.Path, tokenizer.Sha256);
            return (tokenizer, $"{tokenizer.Tokenizer.PieceCount:N0} pieces from {Path.GetFileName(tokenizer.Path)}");
        });
        var vocabulary = TokenizerVocabulary.Of(loaded.Tokenizer, loaded.Path, loaded.Sha256);

        var counter = new CorpusCounter(loaded.Tokenizer, plan.Threads);
        var counts = new List<LanguageCounts>();
        foreach (var language in plan.Languages)
        {
            cancel.ThrowIfCancellationRequested();
            counts.Add(Count(counter, vocabulary, language, plan.CountsCache, stages, cancel));
        }

        cancel.ThrowIfCancellationRequested();
        var quotas = plan.Languages.Select(l => new LanguageQuota(l.Language, l.Top)).ToList();
        var kept = Timed(stages, "select", "selecting the pieces to keep", () =>
        {
            var selection = VocabularySelector.Select(vocabulary, counts, quotas, plan.Overall, plan.SpecialTokens);
            return (selection, string.Create(CultureInfo.InvariantCulture,
                $"kept {selection.Totals.Kept:N0} of {selection.Totals.TokenizerPieces:N0} pieces " +
                $"({selection.Totals.Specials:N0} special)"));
        });
        foreach (var shortfall in kept.Shortfalls()) _observer.Note(shortfall);
        foreach (var note in kept.Notes) _observer.Note(note);

        cancel.ThrowIfCancellationRequested();
        // keep.json is an output: the trimmer takes the list in memory and records the hash of these bytes.
        var keepBytes = KeepListFile.ToBytes(kept);
        var keepSha = FileDigest.Sha256Of(keepBytes);
        var trimmed = Timed(stages, "trim", "trimming the tokenizer and the weights", () =>
        {
            var options = plan.Trim with
            {
                Cancellation = cancel,
                Progress = new InlineProgress<TrimProgress>(p => _observer.StageProgress("trim", p.ToString(),
                    p.Fraction)),
                Tokenizer = loaded,
                KnownDigests = plan.ModelDigests,
                OutputIsStaged = true,
            };
            var report = ModelTrimmer.Trim(plan.ModelFolder, kept.ToKeepList(), output.Folder, options,
                OutputFiles.KeepList, keepSha);
            return (report, string.Create(CultureInfo.InvariantCulture,
                $"parameters {report.ParametersBefore:N0} → {report.ParametersAfter:N0}, weights " +
                $"{report.BytesBefore / 1e6:N1} MB → {report.BytesAfter / 1e6:N1} MB"));
        });
        var trim = trimmed with { OutputFolder = output.Target };
        File.WriteAllBytes(Path.Combine(output.Folder, OutputFiles.KeepList), keepBytes);
        CountsDirectory.Write(Path.Combine(output.Folder, OutputFiles.Counts), vocabulary, counts);

        ValidationReport? validation = null;
        if (plan.Validation is { } v)
        {
            cancel.ThrowIfCancellationRequested();
            var validated = Timed(stages, "validate", "validating the slim model against the original", () =>
            {
                var options = v.Options with
                {
                    CheckSource = false,
                    OriginalTokenizer = loaded.Tokenizer,
                    Kept = KeptIdMap.Of(trim.Manifest!, Path.Combine(output.Target, TrimManifest.FileName)),
                };
                var report = new SlimModelValidator(options).Validate(plan.ModelFolder, output.Folder, v.Corpora,
                    message => _observer.StageProgress("validate", message, null), cancel: cancel,
                    progress: p => _observer.StageProgress("validate", p.Status, p.Fraction));
                return (report, report.Passed ? "passed" : $"FAILED: {string.Join("; ", report.Failures)}");
            });
            validation = validated with { Slim = output.Target };
            ValidationReportFile.Write(validation, Path.Combine(output.Folder, OutputFiles.Validation));
        }
        else
        {
            _observer.Note("validation skipped: the slim model was not compared with the original");
        }

        cancel.ThrowIfCancellationRequested();
        var result = new AdaptationResult(plan, output.Target, vocabulary.Info, counts, kept, keepSha, trim, validation,
            stages);
        if (plan.Recipe != null || finish != null)
        {
            var clock = Stopwatch.StartNew();
            _observer.StageStarted("report", "writing the model card and the report");
            if (plan.Recipe != null) OutputDocuments.Write(result, output.Folder);
            finish?.Invoke(output.Folder, result);
            var timing = new StageTiming("report", clock.Elapsed.TotalSeconds);
            stages.Add(timing);
            _observer.StageFinished(timing, "model card, report and recipe written");
        }
        cancel.ThrowIfCancellationRequested();
        output.Commit();
        return result;
    }

    private LanguageCounts Count(CorpusCounter counter, TokenizerVocabulary vocabulary, LanguagePlan language,
        CountsCache? cache,
        List<StageTiming> stages, CancellationToken cancel)
    {
        var stage = $"count {language.Language}";
        var clock = Stopwatch.StartNew();
        _observer.StageStarted(stage, $"counting {language.Language} on {language.CorpusName}");
        if (cache?.TryGet(vocabulary, language.Language, language.Corpus, language.Counting, cancel) is { } cached)
        {
            AdaptationPlanner.CheckCorpus(language, cached.Corpus.Sha256);
            var reused = new StageTiming(stage, clock.Elapsed.TotalSeconds, Reused: true);
            stages.Add(reused);
            _observer.StageFinished(reused, string.Create(CultureInfo.InvariantCulture,
                $"reused the counts of {cached.Sentences:N0} sentences from {cached.Counted:yyyy-MM-dd HH:mm} " +
                $"({cache.Directory})"));
            return cached;
        }

        // A bar needs a total: the sentence limit, or the bytes of an uncompressed corpus file.
        var maxSentences = language.Counting.MaxSentences;
        var file = LeipzigCorpus.FileOf(language.Corpus, CorpusCounter.FormatOf(language.Counting));
        var plainFile = !file.EndsWith(".gz", StringComparison.OrdinalIgnoreCase);
        var sizeBytes = plainFile ? new FileInfo(file).Length : 0;
        var progress = new InlineProgress<CountProgress>(p =>
        {
            double? fraction = maxSentences is { } max ? Math.Min(1, (double)p.Sentences / max)
                : plainFile && sizeBytes > 0 ? Math.Min(1, (double)p.Bytes / sizeBytes) : null;
            _observer.StageProgress(stage, string.Create(CultureInfo.InvariantCulture,
                $"{p.Sentences:N0} sentences, {p.Sentences / Math.Max(clock.Elapsed.TotalSeconds, 1e-3):N0}/s"),
                fraction);
        });
        var counts = counter.Count(language.Language, language.Corpus, language.Counting, progress, cancel);
        AdaptationPlanner.CheckCorpus(language, counts.Corpus.Sha256);
        cache?.Put(vocabulary, counts);
        var timing = new StageTiming(stage, clock.Elapsed.TotalSeconds);
        stages.Add(timing);
        _observer.StageFinished(timing, string.Create(CultureInfo.InvariantCulture,
            $"{counts.Sentences:N0} sentences, {counts.Tokens:N0} tokens, {counts.PiecesSeen:N0} pieces seen, " +
            $"{counts.Sentences / Math.Max(timing.Seconds, 1e-3):N0} sentences/s"));
        return counts;
    }

    private T Timed<T>(List<StageTiming> stages, string stage, string description, Func<(T Result, string Summary)> run)
    {
        var clock = Stopwatch.StartNew();
        _observer.StageStarted(stage, description);
        var (result, summary) = run();
        var timing = new StageTiming(stage, clock.Elapsed.TotalSeconds);
        stages.Add(timing);
        _observer.StageFinished(timing, summary);
        return result;
    }

    /// <summary>
    /// The output folder is replaced as a whole (with --force): if it is, or holds, the model or a corpus, the run
    /// would delete the inputs it read, so it is refused before anything is written.
    /// </summary>
    // Before counting: an hour of work must not end in "cannot validate".
    private static void RefuseValidationWithoutNetwork(string modelFolder)
    {
        var path = Path.Combine(modelFolder, "config.json");
        if (!File.Exists(path)) return;
        var config = ModelConfigJson.Load(path);
        if (ModelFamilies.Find(config.String("model_type")) is { HasNetwork: false } family)
            throw new AdaptationException($"{path}: {ModelFamilies.NoNetwork(family, config.String("model_type"))}");
    }

    private static void RefuseOutputOverInputs(AdaptationPlan plan)
    {
        var target = Path.TrimEndingDirectorySeparator(Path.GetFullPath(plan.OutputFolder));
        var inputs = new List<(string What, string Path)> { ("the model folder", plan.ModelFolder) };
        inputs.AddRange(plan.Languages.Select(l => ($"the {l.Language} corpus", l.Corpus)));
        if (plan.Validation != null)
            inputs.AddRange(plan.Validation.Corpora.Select(c => ($"the {c.Language} validation corpus", c.Corpus)));
        // Case-insensitive where the file systems usually are, so that "Model" and "model" are one folder there.
        var comparison = OperatingSystem.IsLinux() ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase;
        foreach (var (what, path) in inputs)
        {
            var input = Path.TrimEndingDirectorySeparator(Path.GetFullPath(path));
            if (input.Equals(target, comparison) || input.StartsWith(target + Path.DirectorySeparatorChar, comparison))
                throw new AdaptationException($"{target}: the output folder " +
                    $"{(input.Length == target.Length ? "is" : "holds")} {what} {input}; writing there would delete " +
                    "an input, choose another --out");
        }
    }
}
