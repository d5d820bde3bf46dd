namespace VocabTrim.Recipes;

/// <summary>
/// What the recipe says about the model card (recipe field <c>card</c>); null fields are generated or carried from the
/// original card.
/// </summary>
public sealed record CardMetadata
{
    public static CardMetadata Empty { get; } = new();

    /// <summary>Null: "Language adaption of &lt;model&gt;".</summary>
    public string? Title { get; init; }

    /// <summary>A Hugging Face license id; null: the original card's license.</summary>
    public string? License { get; init; }

    /// <summary>
    /// When not empty, replace the tags carried from the original card (the <c>vocabtrim</c> tag is always added).
    /// </summary>
    public EquatableList<string> Tags { get; init; } = EquatableList<string>.Empty;

    /// <summary>Markdown appended to the generated part of the card.</summary>
    public string? Notes { get; init; }
}
