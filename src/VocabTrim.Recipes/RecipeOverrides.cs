using VocabTrim.Checkpoints;
using VocabTrim.Selection;

namespace VocabTrim.Recipes;

/// <summary>
/// What the command line can set in a recipe; null leaves the recipe's value. Applied by <see cref="Recipe.With"/>.
/// </summary>
public sealed record RecipeOverrides
{
    /// <summary>What relative paths in flags are relative to: the working folder.</summary>
    public string BaseFolder { get; init; } = Environment.CurrentDirectory;

    /// <summary>--model: a hub id (org/name) or a model folder.</summary>
    public string? Model { get; init; }

    /// <summary>--revision.</summary>
    public string? Revision { get; init; }

    /// <summary>
    /// --langs: the languages and their quotas, in this order. Replaces the recipe's set: a language the recipe
    /// has keeps its corpus, max sentences and format; one only here gets none (the manifest's default corpus);
    /// one not here is dropped.
    /// </summary>
    public IReadOnlyList<LanguageTop>? Languages { get; init; }

    /// <summary>--corpus LANG=PATH (repeatable): the counting corpus of a language the result has.</summary>
    public IReadOnlyList<LanguageCorpus> Corpora { get; init; } = [];

    /// <summary>--overall.</summary>
    public int? Overall { get; init; }

    /// <summary>--max-sentences: for every language's counting.</summary>
    public long? MaxSentences { get; init; }

    /// <summary>--sentinels all|none|N.</summary>
    public SpecialTokenPolicy? SpecialTokens { get; init; }

    /// <summary>--pad-to-multiple.</summary>
    public int? PadToMultiple { get; init; }

    /// <summary>--dtype.</summary>
    public WeightDtype? Dtype { get; init; }

    /// <summary>--max-shard-size: as transformers' max_shard_size ("5GB", "500MiB" or bytes).</summary>
    public string? MaxShardSize { get; init; }

    /// <summary>--validation-sentences.</summary>
    public int? ValidationSentences { get; init; }

    /// <summary>--logit-sentences.</summary>
    public int? LogitSentences { get; init; }

    /// <summary>--max-new-tokens.</summary>
    public int? MaxNewTokens { get; init; }

    /// <summary>--atol.</summary>
    public double? Atol { get; init; }

    /// <summary>--rtol.</summary>
    public double? Rtol { get; init; }

    /// <summary>--skip-validation.</summary>
    public bool? SkipValidation { get; init; }

    /// <summary>--device cpu|cuda|auto.</summary>
    public string? Device { get; init; }
}
