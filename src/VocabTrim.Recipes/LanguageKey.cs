using VocabTrim.Corpora;

namespace VocabTrim.Recipes;

/// <summary>
/// Language codes in recipes and flags, normalized as <c>count</c> and <c>select</c> store them: the shortest
/// code of a language vocabtrim knows (<c>eng</c>, <c>EN</c> and <c>en-GB</c> are all <c>en</c>).
/// </summary>
public static class LanguageKey
{
    public const string Expected = "expected an ISO 639-1 code such as de or an ISO 639-3 code such as deu";

    /// <summary>The normalized code, or null when vocabtrim does not know the language.</summary>
    public static string? Normalize(string code) =>
        LanguageCode.TryParse(code, out var language) ? language.ToString() : null;

    /// <summary>The language's English name, for messages.</summary>
    public static string Name(string normalized) => LanguageCode.Parse(normalized).Name;
}
