using System.Text;
using System.Text.Json;
using VocabTrim.Common;
using VocabTrim.Counting;
using VocabTrim.Recipes;
using VocabTrim.Surgery;

namespace VocabTrim.Adaptation;

/// <summary>
/// The <c>recipe.json</c> of an output folder: the recipe as it resolved, every default filled in, with the hashes
/// of the model files and corpora that were read and of the keep list, so that <c>adapt --recipe out/recipe.json</c>
/// reproduces the folder (and refuses inputs that changed).
/// </summary>
public static class ResolvedRecipe
{
    /// <param name="folder">The folder being written (where vocabtrim.json and keep.json already are).</param>
    public static Recipe Of(RecipePlan plan, AdaptationResult result, string folder)
    {
        var recipe = plan.Recipe;
        var model = RecordedModel.Of(plan.Model, new EquatableMap<string>(ModelFiles(Path.Combine(folder, TrimManifest.FileName))));
        var corpora = new List<KeyValuePair<string, ResolvedCorpus>>();
        foreach (var counts in result.Counts)
        {
            var given = recipe.Language(counts.Language)?.Corpus;
            // In-repository corpora stay relative (the recipe moves with the repository); cached downloads are absolute.
            var reference = given is { IsPath: true }
                ? RecipeReference.File(Path.GetRelativePath(given.BaseFolder, counts.Corpus.Path), given.BaseFolder)
                : RecipeReference.File(counts.Corpus.Path, Path.GetDirectoryName(counts.Corpus.Path)!);
            corpora.Add(new(counts.Language, new ResolvedCorpus(reference, counts.Corpus.Sha256)));
        }
        var keepSha = FileDigest.Of(Path.Combine(folder, OutputFiles.KeepList)).Sha256;
        return recipe with
        {
            Schema = null,
            Resolved = new ResolvedInputs(ToolVersion.Current, model, new EquatableMap<ResolvedCorpus>(corpora), keepSha),
        };
    }

    /// <summary>Writes the resolved recipe into <paramref name="folder"/>, with relative paths as seen from <paramref name="finalFolder"/>.</summary>
    public static void Write(Recipe resolved, string folder, string finalFolder) =>
        File.WriteAllText(Path.Combine(folder, OutputFiles.Recipe), RecipeWriter.ToJson(resolved, finalFolder, RecipeForm.Full), new UTF8Encoding(false));

    /// <summary>The sha256 of every model file the trim read, from vocabtrim.json's <c>source.files</c>.</summary>
    private static IEnumerable<KeyValuePair<string, string>> ModelFiles(string trimManifest)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(trimManifest));
        foreach (var file in document.RootElement.GetProperty("source").GetProperty("files").EnumerateObject())
            yield return new(file.Name, file.Value.GetProperty("sha256").GetString()!);
    }
}
