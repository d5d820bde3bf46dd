namespace VocabTrim.Reporting;

/// <summary>
/// The recipe's <c>card</c> object: what the user wants the model card to say beyond the measured facts.
/// </summary>
/// <param name="Title">Replaces the title "Language adaption of &lt;model&gt;".</param>
/// <param name="License">Replaces the license carried over from the original card.</param>
/// <param name="Tags">
/// Replace the tags carried over from the original card (the <c>vocabtrim</c> tag is always added).
/// </param>
/// <param name="Notes">Markdown added to the card after the generated sections, before the original card.</param>
public sealed record CardMetadata(
    string? Title = null, string? License = null, IReadOnlyList<string>? Tags = null, string? Notes = null)

{
    public static CardMetadata None { get; } = new();
}
