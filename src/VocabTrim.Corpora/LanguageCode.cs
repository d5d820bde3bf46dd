using System.Diagnostics.CodeAnalysis;

namespace VocabTrim.Corpora;

/// <summary>
/// A language, known by its ISO 639-1 code (<c>de</c>, what model cards use) and its ISO 639-3 code
/// (<c>deu</c>, what Leipzig corpus names use). Equal codes are the same instance.
/// </summary>
public sealed class LanguageCode : IEquatable<LanguageCode>
{
    internal LanguageCode(string iso639_3, string? iso639_1, string name)
    {
        Iso639_3 = iso639_3;
        Iso639_1 = iso639_1;
        Name = name;
    }

    /// <summary>The three-letter code, as in Leipzig corpus names.</summary>
    public string Iso639_3 { get; }

    /// <summary>The two-letter code; null for languages that have none (e.g. Cebuano, Hawaiian).</summary>
    public string? Iso639_1 { get; }

    /// <summary>The English name.</summary>
    public string Name { get; }

    /// <summary>Every language this type knows, ordered by <see cref="Iso639_3"/>.</summary>
    public static IReadOnlyList<LanguageCode> Known => KnownLanguages.All;

    /// <summary>
    /// Parses an ISO 639-1 or ISO 639-3 code, case-insensitively; a region or script suffix
    /// (<c>pt-BR</c>, <c>zh_Hans</c>) and common alternative codes (<c>iw</c>, <c>cmn</c>, <c>ger</c>) are accepted.
    /// </summary>
    /// <exception cref="UnknownLanguageException">The code is not known.</exception>
    public static LanguageCode Parse(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        if (TryParse(code, out var language)) return language;
        throw new UnknownLanguageException(code,
            $"Unknown language code '{code}': expected an ISO 639-1 code such as 'de' or an ISO 639-3 code " +
            "such as 'deu'. " +
            $"Known codes: {string.Join(", ", Known.Select(l => l.ToString()))}.");
    }

    public static bool TryParse([NotNullWhen(true)] string? code, [NotNullWhen(true)] out LanguageCode? language)
    {
        language = null;
        if (code == null) return false;
        var primary = code.Trim();
        var subtag = primary.IndexOfAny(['-', '_']);
        if (subtag >= 0) primary = primary[..subtag];
        return KnownLanguages.ByCode.TryGetValue(primary, out language);
    }

    /// <summary>
    /// The language of a Leipzig corpus from its name (<c>deu_news_2023_1M</c>, <c>deu-ch_web_2002_10K</c>),
    /// which may also be a file or archive name or path (<c>…/deu_news_2023_1M-sentences.txt</c>).
    /// </summary>
    /// <exception cref="FormatException">The name is not a Leipzig corpus name.</exception>
    /// <exception cref="UnknownLanguageException">The name starts with an unknown language code.</exception>
    public static LanguageCode FromLeipzigName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var code = LeipzigLanguagePart(name) ?? throw new FormatException(
            $"'{name}' is not a Leipzig corpus name: expected '<language>_<genre>_<year>_<size>' such as "
            + "'deu_news_2023_1M'.");
        return Parse(code);
    }

    public static bool TryFromLeipzigName([NotNullWhen(true)] string? name,
        [NotNullWhen(true)] out LanguageCode? language)
    {
        language = null;
        return name != null && LeipzigLanguagePart(name) is { } code && TryParse(code, out language);
    }

    // The part before the first '_' of the file name; Leipzig appends variants with '-' (deu-ch, eng-simple).
    private static string? LeipzigLanguagePart(string name)
    {
        var fileName = Path.GetFileName(name.TrimEnd('/', '\\'));
        var underscore = fileName.IndexOf('_');
        return underscore > 0 ? fileName[..underscore] : null;
    }

    public bool Equals(LanguageCode? other) => other is not null && other.Iso639_3 == Iso639_3;

    public override bool Equals(object? obj) => Equals(obj as LanguageCode);

    public override int GetHashCode() => Iso639_3.GetHashCode(StringComparison.Ordinal);

    public static bool operator ==(LanguageCode? left, LanguageCode? right) => left?.Equals(right) ?? right is null;

    public static bool operator !=(LanguageCode? left, LanguageCode? right) => !(left == right);

    /// <summary>The shortest code: ISO 639-1 where there is one, else ISO 639-3.</summary>
    public override string ToString() => Iso639_1 ?? Iso639_3;
}
