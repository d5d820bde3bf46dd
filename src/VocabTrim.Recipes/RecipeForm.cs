namespace VocabTrim.Recipes;

/// <summary>How much of a recipe <see cref="RecipeWriter"/> writes.</summary>
public enum RecipeForm
{
    /// <summary>
    /// Only what differs from the schema's defaults: recipes people write and read (<c>recipe new</c>).
    /// </summary>
    Minimal,

    /// <summary>
    /// Every field that has a default, filled in: the recipe.json of an output folder, which must still mean the
    /// same when a later vocabtrim changes a default. Fields whose default is decided at run time (a language's
    /// corpus, maxSentences, the card's title and license) are written when set.
    /// </summary>
    Full,
}
