using System.Text;
using VocabTrim.Corpora.Fetching;
using VocabTrim.Common;
using VocabTrim.Counting;
using VocabTrim.Hub;
using VocabTrim.Recipes;
using VocabTrim.Reporting;

namespace VocabTrim.Adaptation;

/// <summary>
/// The files a recipe run adds to the trimmed model folder besides keep.json, counts/ and validation.json: the
/// resolved recipe, the model card (README.md) and the report with its plots, all from what the stages handed on.
/// </summary>
internal static class OutputDocuments
{
    /// <param name="folder">
    /// The folder being written; <see cref="AdaptationResult.OutputFolder"/> is where it will be.
    /// </param>
    public static void Write(AdaptationResult result, string folder)
    {
        File.WriteAllText(Path.Combine(folder, OutputFiles.Recipe),
            RecipeWriter.ToJson(ResolvedRecipe(result), result.OutputFolder, RecipeForm.Full), new UTF8Encoding(false));
        var facts = Facts(result, folder);
        ModelCard.WriteTo(facts, folder);
        AdaptationReport.Write(facts, folder);
    }

    /// <summary>
    /// The <c>recipe.json</c> of an output folder: the recipe as it resolved, every default filled in, with the
    /// hashes of the model files and corpora that were read and of the keep list, so that
    /// <c>adapt --recipe out/recipe.json</c> reproduces the folder (and refuses inputs that changed).
    /// </summary>
    private static Recipe ResolvedRecipe(AdaptationResult result)
    {
        var plan = result.Plan;
        var recipe = plan.Recipe!;
        var source = plan.Model!;
        var files = result.Trim.Manifest!.Source.Files.Select(f => new KeyValuePair<string, string>(f.Key,
            f.Value.Sha256));
        var model = RecordedModel.Of(source, new EquatableMap<string>(files));
        var corpora = new List<KeyValuePair<string, ResolvedCorpus>>();
        foreach (var counts in result.Counts)
        {
            var given = recipe.Language(counts.Language)?.Corpus;
            // In-repository corpora stay relative (the recipe moves with the repository); cached downloads are
            // absolute.
            var reference = given is { IsPath: true }
                ? RecipeReference.File(Path.GetRelativePath(given.BaseFolder, counts.Corpus.Path), given.BaseFolder)
                : RecipeReference.File(counts.Corpus.Path, Path.GetDirectoryName(counts.Corpus.Path)!);
            corpora.Add(new(counts.Language, new ResolvedCorpus(reference, counts.Corpus.Sha256)));
        }
        return recipe with
        {
            Schema = null,
            Resolved = new ResolvedInputs(ToolVersion.Current, model, new EquatableMap<ResolvedCorpus>(corpora),
                result.KeepListSha256),
        };
    }

    private static AdaptationFacts Facts(AdaptationResult result, string folder)
    {
        var model = result.Plan.Model!;
        var recipe = result.Plan.Recipe!;
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
