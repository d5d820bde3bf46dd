using VocabTrim.Corpora.Fetching;
using VocabTrim.Hub;
using VocabTrim.Reporting;

namespace VocabTrim.Adaptation;

/// <summary>
/// The files an adapt run adds to the trimmed model folder besides keep.json, counts/ and validation.json: the
/// resolved recipe, the model card (README.md) and the report with its plots.
/// </summary>
public static class AdaptationOutputs
{
    /// <param name="folder">The folder being written; <see cref="AdaptationResult.OutputFolder"/> is where it will be.</param>
    public static void Write(RecipePlan plan, AdaptationResult result, string folder)
    {
        ResolvedRecipe.Write(ResolvedRecipe.Of(plan, result, folder), folder, result.OutputFolder);
        var facts = Facts(plan, result, folder);
        ModelCard.WriteTo(facts, folder);
        AdaptationReport.Write(facts, folder);
    }

    public static AdaptationFacts Facts(RecipePlan plan, AdaptationResult result, string folder)
    {
        var model = plan.Model;
        var recipe = plan.Recipe;
        var baseModel = model.Source == ModelSource.Folder
            ? BaseModel.Folder(model.Folder)
            : BaseModel.Hub(model.RepoId!, recipe.Revision == model.Commit ? null : recipe.Revision, model.Commit);
        var originalCard = Path.Combine(model.Folder, OutputFiles.Card);
        var manifest = CorpusManifest.BuiltIn();
        return new AdaptationFacts(
            baseModel,
            Path.GetFileName(result.OutputFolder),
            File.Exists(originalCard) ? File.ReadAllText(originalCard) : null,
            [.. result.Counts.Select(c => CorpusFact.Of(c, manifest))],
            result.Counts,
            result.Selection,
            result.Trim,
            ParameterGroups.Measure(model.Folder, result.Trim, folder),
            result.Validation,
            result.Stages,
            recipe.Card);
    }
}
