namespace VocabTrim.Adaptation;

/// <summary>The files an adapt run adds to the trimmed model folder besides keep.json, counts/ and validation.json.</summary>
public static class AdaptationOutputs
{
    /// <param name="folder">The folder being written; <see cref="AdaptationResult.OutputFolder"/> is where it will be.</param>
    public static void Write(RecipePlan plan, AdaptationResult result, string folder)
    {
        ResolvedRecipe.Write(ResolvedRecipe.Of(plan, result, folder), folder, result.OutputFolder);
    }
}
