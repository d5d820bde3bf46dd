using System.Text.RegularExpressions;

namespace VocabTrim.Reporting;

/// <summary>Writes front-matter scalars so that any YAML reader gets back exactly the string written.</summary>
internal static partial class YamlText
{
    // Words YAML 1.1 readers (PyYAML, which the Hub's tooling uses) turn into booleans or null: 'no' is Norwegian.
    private static readonly HashSet<string> Reserved = new(StringComparer.OrdinalIgnoreCase)
    {
        "y", "n", "yes", "no", "on", "off", "true", "false", "null", "~",
    };

    public static string Scalar(string value) =>
        PlainSafe().IsMatch(value) && !Reserved.Contains(value) && !Numeric().IsMatch(value)
            ? value
            : "'" + value.Replace("'", "''") + "'";

    public static IEnumerable<string> List(string key, IEnumerable<string> items) =>
        [$"{key}:", .. items.Select(i => "- " + Scalar(i))];

    [GeneratedRegex(@"^[A-Za-z0-9_][A-Za-z0-9_.\-/+@]*$")]
    private static partial Regex PlainSafe();

    [GeneratedRegex(@"^[-+]?(\d[\d_]*)?(\.\d*)?([eE][-+]?\d+)?$|^0[xob]")]
    private static partial Regex Numeric();
}
