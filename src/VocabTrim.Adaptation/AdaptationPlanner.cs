using System.Globalization;
using VocabTrim.Checkpoints.Sharding;
using VocabTrim.Common;
using VocabTrim.Corpora;
using VocabTrim.Corpora.Fetching;
using VocabTrim.Counting;
using VocabTrim.Hub;
using VocabTrim.Inference;
using VocabTrim.Recipes;
using VocabTrim.Tokenizers;

using VocabTrim.Surgery;
using VocabTrim.Validation;

using VocabTrim.Reporting;

namespace VocabTrim.Adaptation;

/// <summary>
/// Turns a recipe into a runnable <see cref="AdaptationPlan"/>: the model from a folder, the Hugging Face cache or the
/// hub; each language's corpus from a path, a Leipzig name (downloaded when missing) or the manifest's default for
/// the language. A recipe that records what it resolved to (the <c>recipe.json</c> of an output folder) has its
/// inputs checked against those hashes, so that re-running it reproduces that output or says why it cannot: the
/// model files here, each corpus by the count that reads it (<see cref="LanguagePlan.RecordedSha256"/>).
/// </summary>
internal sealed class AdaptationPlanner(CorpusResolver corpora, HubOptions? hub = null,
    IAdaptationObserver? observer = null)
{
    private readonly IAdaptationObserver _observer = observer ?? NullAdaptationObserver.Instance;

    /// <exception cref="AdaptationException">An input is missing or differs from what the recipe recorded.</exception>
    public async Task<AdaptationPlan> PlanAsync(Recipe recipe, AdaptationSettings settings,
        CancellationToken cancel = default)
    {
        var model = await ResolveModelAsync(recipe, cancel).ConfigureAwait(false);
        var resolved = recipe with
        {
            // A hub model is pinned to the commit it resolved to, so the written recipe names exactly this model;
            // an org/name that turned out to be a local folder is recorded as the folder that was read (the locator
            // looks for it in the working folder, which need not be the recipe's).
            Revision = model.Commit ?? recipe.Revision,
            Model = model.Source == ModelSource.Folder && !recipe.Model.IsPath
                ? RecipeReference.File(Path.GetRelativePath(recipe.Model.BaseFolder, model.Folder),
                    recipe.Model.BaseFolder)
                : recipe.Model,
        };

        var languages = new List<LanguagePlan>();
        var resolvedLanguages = new List<LanguageRecipe>();
        foreach (var language in recipe.Languages)
        {
            var (path, reference) = await ResolveCorpusAsync(language.Language, language.Corpus, cancel)
                .ConfigureAwait(false);
            var counting = new CountingOptions(language.MaxSentences, SkipMalformed: false,
                language.Format == CorpusFormat.PlainText
                    ? CorpusCounter.PlainTextFormat
                    : CorpusCounter.LeipzigFormat);
            string? recordedSha = recipe.Resolved?.Corpora.TryGetValue(language.Language, out var corpus) == true
                ? corpus.Sha256
                : null;
            languages.Add(new LanguagePlan(language.Language, language.Top, path,
                reference.IsPath ? Display(path) : reference.Text, counting, recordedSha));
            resolvedLanguages.Add(language with { Corpus = reference });
        }
        resolved = resolved with { Languages = new EquatableList<LanguageRecipe>(resolvedLanguages) };

        ValidationPlan? validation = null;
        if (!recipe.Validation.Skip)
        {
            var validationCorpora = new List<(string, string)>();
            foreach (var language in languages)
            {
                var path = recipe.Validation.Corpora.TryGetValue(language.Language, out var given)
                    ? (await ResolveCorpusAsync(language.Language, given, cancel).ConfigureAwait(false)).Path
                    : language.Corpus;
                validationCorpora.Add((language.Language, path));
            }
            var v = recipe.Validation;
            DeviceChoice device;
            try { device = TorchRuntime.ParseDevice(v.Device); }
            catch (ArgumentException e) { throw new AdaptationException($"validation.device: {e.Message}"); }
            validation = new ValidationPlan(validationCorpora,
                new ValidationOptions(v.Sentences, v.LogitSentences, v.MaxNewTokens, v.Atol, v.Rtol,
                new InferenceOptions(device)));
        }

        long maxShard;
        try { maxShard = ByteSize.Parse(recipe.MaxShardSize); }
        catch (FormatException e) { throw new AdaptationException($"maxShardSize: {e.Message}"); }

        var plan = new AdaptationPlan
        {
            ModelFolder = model.Folder,
            Languages = languages,
            Overall = recipe.Overall,
            SpecialTokens = recipe.SpecialTokens,
            Trim = new ModelTrimOptions
            {
                PadToMultiple = recipe.PadToMultiple > 1 ? recipe.PadToMultiple : null,
                MaxShardBytes = maxShard,
                Dtype = recipe.Dtype,
            },
            Validation = validation,
            OutputFolder = settings.OutputFolder,
            Overwrite = settings.Overwrite,
            CountsCache = settings.CountsCache,
            Threads = settings.Threads,
            Recipe = resolved,
            Model = model,
        };
        return recipe.Resolved is { } recorded ? plan with { ModelDigests = CheckModelFiles(recorded, plan) } : plan;
    }

    private async Task<ResolvedModel> ResolveModelAsync(Recipe recipe, CancellationToken cancel)
    {
        if (recipe.Model.IsPath)
        {
            if (!Directory.Exists(recipe.Model.FullPath))
                throw new AdaptationException($"model: {recipe.Model.FullPath} does not exist (the recipe says " +
                    $"'{recipe.Model.Text}')");
            return await ModelLocator.ResolveAsync(recipe.Model.FullPath, cancellationToken: cancel)
                .ConfigureAwait(false);
        }
        const string stage = "model";
        _observer.StageStarted(stage, $"finding {recipe.Model.Text}@{recipe.Revision}");
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var progress = new InlineProgress<DownloadProgress>(p => _observer.StageProgress(stage,
            string.Create(CultureInfo.InvariantCulture,
                $"downloading {p.Name}: {p.Bytes / 1e6:N1}{(p.Total is { } t ? $" of {t / 1e6:N1}" : "")} MB"),
            p.Total is > 0 ? (double)p.Bytes / p.Total.Value : null));
        var model = await ModelLocator.ResolveAsync(recipe.Model.Text, recipe.Revision, hub, progress, cancel)
            .ConfigureAwait(false);
        _observer.StageFinished(new StageTiming(stage, clock.Elapsed.TotalSeconds,
            Reused: model is { Source: ModelSource.Hub, Downloaded: false }),
            model.Source == ModelSource.Folder
                ? $"{recipe.Model.Text} is a local folder: {model.Folder}"
                : $"{model.RepoId}@{model.Commit?[..Math.Min(12, model.Commit.Length)]} " +
                    $"{(model.Downloaded ? "downloaded" : "from the Hugging Face cache")}: {model.Folder}");
        return model;
    }

    /// <summary>A language's corpus as a readable path, and the reference the resolved recipe records for it.</summary>
    private async Task<(string Path, RecipeReference Reference)> ResolveCorpusAsync(string language,
        RecipeReference? given, CancellationToken cancel)
    {
        if (given is { IsPath: true })
        {
            if (!File.Exists(given.FullPath) && !Directory.Exists(given.FullPath))
                throw new AdaptationException($"{language}: corpus {given.FullPath} does not exist (the recipe says " +
                    $"'{given.Text}')");
            return (given.FullPath, given);
        }
        CorpusEntry entry;
        if (given != null)
        {
            entry = corpora.Manifest.Find(given.Text) ?? throw new AdaptationException(
                $"{language}: '{given.Text}' is neither a file nor a corpus of {corpora.Manifest.Source} (vocabtrim " +
                "corpus list)");
        }
        else
        {
            var code = LanguageCode.TryParse(language, out var known)
                ? known!
                : throw new AdaptationException($"{language}: not a language vocabtrim knows");
            entry = corpora.Manifest.DefaultFor(code) ?? throw new AdaptationException(
                $"{language}: {corpora.Manifest.Source} has no default corpus for {code.Name}; give one in the " +
                $"recipe or with --corpus {language}=PATH");
        }
        var reference = RecipeReference.Corpus(entry.Name, Environment.CurrentDirectory);
        var stage = $"fetch {entry.Name}";
        var clock = System.Diagnostics.Stopwatch.StartNew();
        _observer.StageStarted(stage, $"{language}: corpus {entry.Name}");
        var progress = new InlineProgress<DownloadProgress>(p => _observer.StageProgress(stage,
            string.Create(CultureInfo.InvariantCulture,
                $"{p.Bytes / 1e6:N1}{(p.Total is { } t ? $" of {t / 1e6:N1}" : "")} MB"),
            p.Total is > 0 ? (double)p.Bytes / p.Total.Value : null));
        var path = await corpora.ResolveAsync(entry, fetch: true, progress, cancel).ConfigureAwait(false);
        _observer.StageFinished(new StageTiming(stage, clock.Elapsed.TotalSeconds), path);
        return (path, reference);
    }

    /// <summary>
    /// A path as the user can find it from where they are: relative below the working folder, else full.
    /// </summary>
    private static string Display(string path)
    {
        var relative = Path.GetRelativePath(Environment.CurrentDirectory, path);
        return relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? path : relative;
    }

    /// <summary>
    /// The model must be the one the recorded run used (same bytes), or the output would not be reproduced; the
    /// digests taken are handed on, so trimming does not hash the files again. The tokenizer file is left to the
    /// load that reads it (<see cref="CheckTokenizer"/>), so that it is read once.
    /// </summary>
    private static Dictionary<string, FileDigest> CheckModelFiles(ResolvedInputs recorded, AdaptationPlan plan)
    {
        var digests = new Dictionary<string, FileDigest>(StringComparer.Ordinal);
        var tokenizer = TokenizerFile.FindIn(plan.ModelFolder);
        foreach (var (file, sha) in recorded.Model.Files)
        {
            var path = Path.Combine(plan.ModelFolder, file);
            if (!File.Exists(path))
                throw new AdaptationException($"resolved.model.files: {file} is missing from {plan.ModelFolder}; " +
                    "this is not the model the recipe was run on");
            if (path == tokenizer) continue;
            var now = FileDigest.Of(path);
            CheckModelFile(file, sha, now.Sha256, path);
            digests[file] = now;
        }
        return digests;
    }

    /// <summary>
    /// The tokenizer file at <paramref name="path"/>, whose bytes hash to <paramref name="sha256"/>, must be the one
    /// the recipe being reproduced recorded, if it recorded one.
    /// </summary>
    public static void CheckTokenizer(AdaptationPlan plan, string path, string sha256)
    {
        var file = Path.GetFileName(path);
        if (plan.Recipe?.Resolved?.Model.Files.TryGetValue(file, out var recorded) == true)
            CheckModelFile(file, recorded, sha256, path);
    }

    private static void CheckModelFile(string file, string recorded, string sha256, string path)
    {
        if (sha256 != recorded)
            throw new AdaptationException($"resolved.model.files.{file}: sha256 {recorded[..12]}… recorded, " +
                $"{sha256[..12]}… now ({path}); the model changed since the recipe was run");
    }

    /// <summary>
    /// The corpus must be the one the recorded run counted; <paramref name="sha256"/> is its hash now.
    /// </summary>
    public static void CheckCorpus(LanguagePlan language, string sha256)
    {
        if (language.RecordedSha256 is { } recorded && recorded != sha256)
            throw new AdaptationException($"resolved.corpora.{language.Language}: sha256 {recorded[..12]}… recorded, " +
                $"{sha256[..12]}… now ({language.Corpus}); the corpus changed since the recipe was run");
    }
}
