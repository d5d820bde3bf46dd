using VocabTrim.Checkpoints;
using VocabTrim.Selection;

namespace VocabTrim.Recipes;

/// <summary>
/// Everything <c>vocabtrim adapt</c> needs (see <c>recipes.schema.json</c>), with the schema's defaults filled in.
/// Load one with <see cref="RecipeFile.Load"/>, build one from flags with <see cref="FromOverrides"/>, change one
/// with <see cref="With"/>, write one with <see cref="RecipeWriter"/>. Records compare by value.
/// </summary>
public sealed record Recipe
{
    public const string DefaultRevision = "main";
    public const string DefaultMaxShardSize = "5GB";

    /// <summary>The <c>$schema</c> reference, for editors; ignored otherwise.</summary>
    public RecipeReference? Schema { get; init; }

    public string? Description { get; init; }

    /// <summary>A hub id (<see cref="RecipeReference.IsPath"/> false) or a model folder.</summary>
    public required RecipeReference Model { get; init; }

    /// <summary>The hub branch, tag or commit; ignored for a folder.</summary>
    public string Revision { get; init; } = DefaultRevision;

    /// <summary>In the recipe's order, codes normalized and distinct; at least one.</summary>
    public required EquatableList<LanguageRecipe> Languages { get; init; }

    /// <summary>Also keep the K most frequent pieces over all the languages together.</summary>
    public int Overall { get; init; }

    public SpecialTokenPolicy SpecialTokens { get; init; } = SpecialTokenPolicy.All;

    /// <summary>Pad the vocabulary matrices up to a multiple of this; 1 is no padding.</summary>
    public int PadToMultiple { get; init; } = 1;

    public WeightDtype Dtype { get; init; } = WeightDtype.Keep;

    /// <summary>As transformers' max_shard_size: "5GB", "500MiB" or bytes.</summary>
    public string MaxShardSize { get; init; } = DefaultMaxShardSize;

    public ValidationSettings Validation { get; init; } = ValidationSettings.Default;

    public CardMetadata Card { get; init; } = CardMetadata.Empty;

    /// <summary>Set in the recipe.json of an output folder only.</summary>
    public ResolvedInputs? Resolved { get; init; }

    /// <summary>The entry for a language given by any of its codes (<c>eng</c> finds <c>en</c>), or null.</summary>
    public LanguageRecipe? Language(string code)
    {
        var key = LanguageKey.Normalize(code) ?? code;
        return Languages.FirstOrDefault(l => l.Language == key);
    }

    /// <summary>
    /// This recipe with the command line's flags applied; see <see cref="RecipeOverrides"/> for what each does.
    /// </summary>
    /// <exception cref="RecipeException">
    /// A flag's value is out of range, or --corpus names a language the result does not have.
    /// </exception>
    public Recipe With(RecipeOverrides overrides) => RecipeMerger.Apply(this, overrides);

    /// <summary>
    /// A recipe from flags alone: <c>--model</c> and <c>--langs</c> are required, everything else has its default.
    /// </summary>
    /// <exception cref="RecipeException">--model or --langs is missing, or a flag's value is out of range.</exception>
    public static Recipe FromOverrides(RecipeOverrides overrides)
    {
        if (overrides.Model == null)
            throw new RecipeException("command line", null,
                "give --model (a hub id such as bigscience/mt0-small or a model folder) or --recipe FILE");
        if (overrides.Languages == null)
            throw new RecipeException("command line", null, "give --langs (e.g. en:15000,de:30000) or --recipe FILE");
        var empty = new Recipe
        {
            Model = RecipeReference.Model(overrides.Model, overrides.BaseFolder),
            Languages = EquatableList<LanguageRecipe>.Empty,
        };
        return empty.With(overrides);
    }
}
