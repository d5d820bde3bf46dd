namespace VocabTrim.Recipes;

/// <summary>
/// One <c>--corpus LANG=PATH</c>: a path (relative to the working folder) or a Leipzig corpus name for a language.
/// </summary>
public sealed record LanguageCorpus(string Language, string Corpus)
{
    /// <exception cref="RecipeException">Not LANG=PATH, or an unknown language.</exception>
    public static LanguageCorpus Parse(string text, string flag = "--corpus")
    {
        var eq = text.IndexOf('=');
        if (eq <= 0 || eq == text.Length - 1)
            throw new RecipeException(flag, null,
                $"'{text}': expected LANG=PATH or LANG=NAME, e.g. de=deu_news_2023_1M");
        var code = text[..eq].Trim();
        var language = LanguageKey.Normalize(code)
            ?? throw new RecipeException(flag, null,
                $"'{text}': unknown language code '{code}' ({LanguageKey.Expected})");
        return new LanguageCorpus(language, text[(eq + 1)..]);
    }
}
