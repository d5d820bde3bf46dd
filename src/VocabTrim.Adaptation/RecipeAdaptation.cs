using VocabTrim.Corpora.Fetching;
using VocabTrim.Recipes;

namespace VocabTrim.Adaptation;

/// <summary>
/// <c>vocabtrim adapt</c> as a library call: resolve a recipe's inputs (downloading what is missing), run the
/// adaptation, and write the card, report and resolved recipe into the folder before it appears.
/// </summary>
public static class RecipeAdaptation
{
    /// <param name="cacheRoot">vocabtrim's cache: downloaded corpora in <c>corpora/</c> (counts go where <paramref name="settings"/> says).</param>
    /// <param name="hub">Hub endpoint, token and cache; null reads them from the environment (HF_ENDPOINT, HF_TOKEN, HF_HOME...).</param>
    /// <param name="corpusBaseUrl">Replaces the host and folder of corpus downloads; null reads VOCABTRIM_CORPUS_BASE_URL.</param>
    public static AdaptationResult Run(Recipe recipe, AdaptationSettings settings, string cacheRoot, IAdaptationObserver? observer = null,
        CancellationToken cancel = default, VocabTrim.Hub.HubOptions? hub = null, Uri? corpusBaseUrl = null)
    {
        var plan = Plan(recipe, settings, cacheRoot, observer, hub, corpusBaseUrl, cancel);
        return new Adapter(observer).Run(plan.Plan, (folder, result) => AdaptationOutputs.Write(plan, result, folder), cancel);
    }

    /// <summary>
    /// <c>vocabtrim test</c> as a library call: resolves the recipe's original model and validation corpora as
    /// <see cref="Run"/> does and checks <paramref name="slimFolder"/> against them (<see cref="RegressionTest"/>).
    /// It always validates, whatever the recipe said about validation when the folder was made.
    /// </summary>
    public static RegressionOutcome Test(Recipe recipe, string slimFolder, string cacheRoot, IAdaptationObserver? observer = null,
        CancellationToken cancel = default, VocabTrim.Hub.HubOptions? hub = null, Uri? corpusBaseUrl = null)
    {
        recipe = recipe with { Validation = recipe.Validation with { Skip = false } };
        // The plan's output folder is never written: only the model and the validation corpora are used.
        var plan = Plan(recipe, new AdaptationSettings(slimFolder), cacheRoot, observer, hub, corpusBaseUrl, cancel);
        return RegressionTest.Run(plan.Model.Folder, slimFolder, plan.Plan.Validation!,
            observer == null ? null : message => observer.StageProgress("validate", message, null), cancel);
    }

    private static RecipePlan Plan(Recipe recipe, AdaptationSettings settings, string cacheRoot, IAdaptationObserver? observer,
        VocabTrim.Hub.HubOptions? hub, Uri? corpusBaseUrl, CancellationToken cancel)
    {
        // No overall timeout: a 1M corpus over a slow line takes long; a dead connection still fails.
        using var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        var corpora = new CorpusResolver(CorpusManifest.BuiltIn(),
            new CorpusDownloader(http, new CorpusCache(Path.Combine(cacheRoot, "corpora")), corpusBaseUrl ?? CorpusManifest.BaseUrlFromEnvironment()));
        return new RecipePlanner(corpora, hub, observer).PlanAsync(recipe, settings, cancel).GetAwaiter().GetResult();
    }
}
