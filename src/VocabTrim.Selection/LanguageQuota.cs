using System.Globalization;
using VocabTrim.Counting;

namespace VocabTrim.Selection;

/// <summary>Keep the <paramref name="Top"/> most frequent ordinary pieces of <paramref name="Language"/>.</summary>
public sealed record LanguageQuota(string Language, int Top)
{
    /// <summary>Parses a list such as <c>en:15000,de:30000</c>.</summary>
    public static IReadOnlyList<LanguageQuota> ParseList(string text)
    {
        const string Example = "e.g. en:15000,de:30000";
        if (string.IsNullOrWhiteSpace(text)) throw new SelectionException($"no languages given ({Example})");
        var quotas = new List<LanguageQuota>();
        foreach (var raw in text.Split(','))
        {
            var item = raw.Trim();
            if (item.Length == 0) throw new SelectionException($"'{text}' has an empty entry ({Example})");
            var colon = item.IndexOf(':');
            if (colon < 0) throw new SelectionException($"'{item}' is not LANGUAGE:N ({Example})");
            var language = item[..colon].Trim();
            var number = item[(colon + 1)..].Trim();
            if (LanguageFileName.Problem(language) is { } problem) throw new SelectionException(problem);
            // count stores languages by their canonical code, so eng and en must name the same counts.
            if (VocabTrim.Corpora.LanguageCode.TryParse(language, out var known)) language = known!.ToString();
            if (!int.TryParse(number, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var top))
                throw new SelectionException($"'{item}': '{number}' is not a whole number of pieces");
            if (top <= 0) throw new SelectionException($"'{item}': the number of pieces must be positive");
            if (quotas.Any(q => q.Language == language))
                throw new SelectionException($"'{language}' is given twice in '{text}'");
            quotas.Add(new LanguageQuota(language, top));
        }
        return quotas;
    }

    public override string ToString() => $"{Language}:{Top}";
}
