using System.Text.RegularExpressions;

namespace VocabTrim.Recipes;

/// <summary>
/// JSON paths as errors show them: <c>$.languages.de.top</c>, <c>$.card.tags[1]</c>,
/// <c>$.resolved.model.files['config.json']</c>.
/// </summary>
internal static partial class JsonPathText
{
    public const string Root = "$";

    public static string Property(string parent, string name) =>
        Identifier().IsMatch(name)
            ? $"{parent}.{name}" : $"{parent}['{name.Replace("'", "\\'", StringComparison.Ordinal)}']";

    public static string Index(string parent, int index) => $"{parent}[{index}]";

    public static string Of(IEnumerable<object> segments) =>
        segments.Aggregate(Root, (path, s) => s is int i ? Index(path, i) : Property(path, (string)s));

    // Property names that need no quoting; '$schema' reads fine unquoted.
    [GeneratedRegex(@"^[A-Za-z_$][A-Za-z0-9_$-]*$")]
    private static partial Regex Identifier();
}
