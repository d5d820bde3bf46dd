using System.Globalization;

namespace VocabTrim.Recipes;

/// <summary>One <c>LANG:N</c> item of <c>--langs</c>, with the code normalized.</summary>
public sealed record LanguageTop(string Language, int Top)
{
    private const string Example = "e.g. en:15000,de:30000";

    /// <summary>
    /// Parses <c>en:15000,de:30000</c>; <c>eng</c> and <c>en</c> are one language and may not both appear.
    /// </summary>
    /// <exception cref="RecipeException">
    /// Malformed, an unknown language, a number below 1, or a language twice.
    /// </exception>
    public static IReadOnlyList<LanguageTop> ParseList(string text, string flag = "--langs")
    {
        if (string.IsNullOrWhiteSpace(text)) throw new RecipeException(flag, null, $"no languages given ({Example})");
        var list = new List<LanguageTop>();
        foreach (var raw in text.Split(','))
        {
            var item = raw.Trim();
            var colon = item.IndexOf(':');
            if (colon < 0) throw new RecipeException(flag, null, $"'{item}' is not LANG:N ({Example})");
            var code = item[..colon].Trim();
            var number = item[(colon + 1)..].Trim();
            var language = LanguageKey.Normalize(code)
                ?? throw new RecipeException(flag, null,
                    $"'{item}': unknown language code '{code}' ({LanguageKey.Expected})");
            if (!int.TryParse(number, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var top)
                || top < 1)
                throw new RecipeException(flag, null,
                    $"'{item}': expected a whole number of pieces >= 1, got '{number}'");
            if (list.Any(l => l.Language == language))
                throw new RecipeException(flag, null,
                    $"'{item}': {LanguageKey.Name(language)} ({language}) is given twice");
            list.Add(new LanguageTop(language, top));
        }
        return list;
    }

    public override string ToString() => $"{Language}:{Top}";
}
