using System.Text.RegularExpressions;

namespace VocabTrim.Counting;

/// <summary>Checks that a language code can name a counts file (<c>&lt;lang&gt;.counts.csv</c>) safely.</summary>
public static partial class LanguageFileName
{
    // Codes become file names (<lang>.counts.csv), so nothing that could leave the folder is allowed.
    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_-]{0,31}$")]
    private static partial Regex Pattern();

    public static bool IsValid(string code) => Pattern().IsMatch(code);

    /// <summary>Why <paramref name="code"/> is not a usable language code, or null if it is.</summary>
    public static string? Problem(string code) => IsValid(code)
        ? null
        : $"'{code}' is not a language code (letters, digits, '-' or '_', e.g. en, de, zh-Hans)";
}
