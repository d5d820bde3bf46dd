using VocabTrim.Corpora;

namespace VocabTrim.Recipes;

/// <summary>
/// One entry of a recipe's <c>languages</c>: keep the language's <paramref name="Top"/> most frequent pieces.
/// </summary>
/// <param name="Language">The normalized code: ISO 639-1 where there is one (<c>en</c>), else ISO 639-3.</param>
/// <param name="Top">How many of its most frequent ordinary pieces to keep (at least 1).</param>
public sealed record LanguageRecipe(string Language, int Top)
{
    /// <summary>The corpus to count on; null means the manifest's default corpus for the language.</summary>
    public RecipeReference? Corpus { get; init; }

    /// <summary>Count only the first N sentences; null counts them all.</summary>
    public long? MaxSentences { get; init; }

    public CorpusFormat Format { get; init; } = CorpusFormat.Leipzig;

    public override string ToString() => $"{Language}:{Top}";
}
