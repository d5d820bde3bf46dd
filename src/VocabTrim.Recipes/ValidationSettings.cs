namespace VocabTrim.Recipes;

/// <summary>
/// How the slim model is checked against the original (recipe field <c>validation</c>); defaults as in the schema.
/// </summary>
public sealed record ValidationSettings
{
    public static ValidationSettings Default { get; } = new();

    public bool Skip { get; init; }

    /// <summary>
    /// Per language (normalized code): the sentences to validate on; a language not here uses its counting corpus.
    /// </summary>
    public EquatableMap<RecipeReference> Corpora { get; init; } = EquatableMap<RecipeReference>.Empty;

    /// <summary>Sentences per language for the tokenization check.</summary>
    public int Sentences { get; init; } = 1000;

    /// <summary>Sentences per language decoded by both models with their logits compared (0: none).</summary>
    public int LogitSentences { get; init; } = 16;

    public int MaxNewTokens { get; init; } = 8;

    /// <summary>Absolute logit tolerance.</summary>
    public double Atol { get; init; } = 1e-4;

    /// <summary>Relative logit tolerance (times |original logit|).</summary>
    public double Rtol { get; init; } = 1e-5;

    /// <summary><c>cpu</c>, <c>cuda</c> or <c>auto</c>.</summary>
    public string Device { get; init; } = "cpu";

    /// <summary>The devices the schema allows.</summary>
    public static IReadOnlyList<string> Devices { get; } = ["cpu", "cuda", "auto"];
}
