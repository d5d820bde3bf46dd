using VocabTrim.Corpora.Fetching;
using VocabTrim.Hub;
using VocabTrim.Recipes;

namespace VocabTrim.Adaptation;

/// <summary>
/// The entry point of an adaptation, <c>vocabtrim adapt</c> as a library call: <see cref="PlanAsync"/> resolves a
/// recipe's model and corpora (downloading what is missing) into an <see cref="AdaptationPlan"/>, and
/// <see cref="Run"/> runs a plan: count → select → trim → validate, then the card, report and resolved recipe,
/// written into a folder that appears only when complete. <see cref="TestAsync"/> is <c>vocabtrim test</c>.
/// </summary>
public static class Adaptation
{
    /// <param name="cacheRoot">
    /// vocabtrim's cache: downloaded corpora in <c>corpora/</c> (counts go where <paramref name="settings"/> says).
    /// </param>
    /// <param name="hub">
    /// Hub endpoint, token and cache; null reads them from the environment (HF_ENDPOINT, HF_TOKEN, HF_HOME...).
    /// </param>
    /// <param name="corpusBaseUrl">
    /// Replaces the host and folder of corpus downloads; null reads VOCABTRIM_CORPUS_BASE_URL.
    /// </param>
    /// <exception cref="AdaptationException">An input is missing or differs from what the recipe recorded.</exception>
    public static async Task<AdaptationPlan> PlanAsync(Recipe recipe, AdaptationSettings settings, string cacheRoot,
        IAdaptationObserver? observer = null, HubOptions? hub = null, Uri? corpusBaseUrl = null,
        CancellationToken cancel = default)
    {
        // No overall timeout: a 1M corpus over a slow line takes long; a dead connection still fails.
        using var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        var corpora = new CorpusResolver(CorpusManifest.BuiltIn(),
            new CorpusDownloader(http, new CorpusCache(Path.Combine(cacheRoot, "corpora")),
                corpusBaseUrl ?? CorpusManifest.BaseUrlFromEnvironment()));
        return await new AdaptationPlanner(corpora, hub, observer).PlanAsync(recipe, settings, cancel)
            .ConfigureAwait(false);
    }

    /// <summary>
    /// Runs a plan; a plan from a recipe also writes the model card, the report and the resolved recipe.
    /// </summary>
    /// <param name="finish">
    /// Writes further files into the folder (given as its first argument) before it appears.
    /// </param>
    /// <exception cref="AdaptationException">
    /// The plan cannot run (e.g. the output exists, a corpus changed since its recipe ran).
    /// </exception>
    public static AdaptationResult Run(AdaptationPlan plan, IAdaptationObserver? observer = null,
        CancellationToken cancel = default,
        Action<string, AdaptationResult>? finish = null) =>
        new AdaptationRun(observer).Run(plan, finish, cancel);

    /// <summary><see cref="PlanAsync"/>, then <see cref="Run"/>.</summary>
    public static async Task<AdaptationResult> RunAsync(Recipe recipe, AdaptationSettings settings, string cacheRoot,
        IAdaptationObserver? observer = null, HubOptions? hub = null, Uri? corpusBaseUrl = null,
        CancellationToken cancel = default)
    {
        var plan = await PlanAsync(recipe, settings, cacheRoot, observer, hub, corpusBaseUrl, cancel)
            .ConfigureAwait(false);
        return Run(plan, observer, cancel);
    }

    /// <summary>
    /// <c>vocabtrim test</c>: resolves the recipe's original model and validation corpora as <see cref="PlanAsync"/>
    /// does and checks <paramref name="slimFolder"/> against them (<see cref="RegressionTest"/>). It always validates,
    /// whatever the recipe said about validation when the folder was made.
    /// </summary>
    public static async Task<RegressionOutcome> TestAsync(Recipe recipe, string slimFolder, string cacheRoot,
        IAdaptationObserver? observer = null,
        HubOptions? hub = null, Uri? corpusBaseUrl = null, CancellationToken cancel = default)
    {
        recipe = recipe with { Validation = recipe.Validation with { Skip = false } };
        // The plan's output folder is never written: only the model and the validation corpora are used.
        var plan = await PlanAsync(recipe, new AdaptationSettings(slimFolder), cacheRoot, observer, hub, corpusBaseUrl,
            cancel).ConfigureAwait(false);
        // Nothing is counted here, so the recorded corpora are checked on their own.
        foreach (var language in plan.Languages.Where(l => l.RecordedSha256 != null))
            AdaptationPlanner.CheckCorpus(language,
                VocabTrim.Counting.CorpusCounter.Identify(language.Corpus, language.Counting, cancel).Sha256);
        if (VocabTrim.Tokenizers.TokenizerFile.FindIn(plan.ModelFolder) is { } tokenizer)
            AdaptationPlanner.CheckTokenizer(plan, tokenizer, VocabTrim.Common.FileDigest.Of(tokenizer, cancel).Sha256);
        return RegressionTest.Run(plan.ModelFolder, slimFolder, plan.Validation!,
            observer == null ? null : message => observer.StageProgress("validate", message, null), cancel);
    }
}
