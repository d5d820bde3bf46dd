using VocabTrim.Recipes;
using VocabTrim.TestSupport;

namespace VocabTrim.Adaptation.Tests;

/// <summary>The recipes in the repository's recipes/ folder, and which of them can run without a network.</summary>
internal static class ShippedRecipes
{
    public static string Folder => Path.Combine(RepositoryPaths.Root, "recipes");

    public static IEnumerable<string> Names =>
        Directory.GetFiles(Folder, "*.json").Select(Path.GetFileName).Order(StringComparer.Ordinal)!;

    public static string PathOf(string name) => Path.Combine(Folder, name);

    /// <summary>
    /// What the recipe would fetch from the network: a hub model, a Leipzig corpus name, or a language without a
    /// corpus (the manifest's default is a download). Empty: every input is a local path, so the recipe runs offline.
    /// </summary>
    public static IReadOnlyList<string> NetworkInputs(string name)
    {
        var recipe = RecipeFile.Load(PathOf(name));
        var needs = new List<string>();
        if (!recipe.Model.IsPath) needs.Add($"model {recipe.Model.Text} is a hub id");
        foreach (var language in recipe.Languages)
        {
            if (language.Corpus == null)
                needs.Add($"{language.Language} has no corpus: the manifest's default is downloaded");
            else if (!language.Corpus.IsPath)
                needs.Add($"{language.Language} corpus {language.Corpus.Text} is a Leipzig name");
        }
        if (!recipe.Validation.Skip)
        {
            foreach (var (language, corpus) in recipe.Validation.Corpora)
                if (!corpus.IsPath) needs.Add($"validation corpus of {language} {corpus.Text} is a Leipzig name");
        }
        return needs;
    }

    public static IEnumerable<string> Offline => Names.Where(n => NetworkInputs(n).Count == 0);
}
