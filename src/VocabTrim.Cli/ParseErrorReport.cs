using System.CommandLine;
using System.CommandLine.Invocation;
using System.CommandLine.Parsing;
using System.Text.RegularExpressions;

namespace VocabTrim.Cli;

/// <summary>
/// A command line that does not parse, said as every other user error is: one line on stderr starting with
/// <c>vocabtrim: </c>, exit 1, and where to look. System.CommandLine's own report prints the whole help after the
/// errors and names .NET types (<c>System.Nullable`1[System.Int32]</c>) for a value that does not convert.
/// </summary>
internal static partial class ParseErrorReport
{
    /// <summary>Whether <paramref name="parse"/> ends in the error report, not in a verb or <c>--help</c>.</summary>
    public static bool Applies(ParseResult parse) => parse.Action is ParseErrorAction;

    public static int Write(ParseResult parse, TextWriter error)
    {
        var messages = parse.Errors.Select(e => Plain(e.Message)).Distinct();
        var verb = new List<string>();
        for (SymbolResult? r = parse.CommandResult; r is CommandResult { Command: not RootCommand } c; r = c.Parent)
            verb.Insert(0, c.Command.Name);
        var help = string.Join(' ', ["vocabtrim", .. verb, "--help"]);
        var guesses = parse.UnmatchedTokens.Select(t => Closest(t, parse.CommandResult.Command)).OfType<string>()
            .Distinct().ToList();
        var guess = guesses.Count > 0 ? $"; did you mean {string.Join(" or ", guesses)}?" : "";
        error.WriteLine($"vocabtrim: {string.Join("; ", messages)}{guess} (see {help})");
        return 1;
    }

    // A mistyped flag or verb (--lang, --corpora, vaildate) is a few edits from the one meant.
    private static string? Closest(string token, Command command)
    {
        var names = command.Options.SelectMany(o => o.Aliases.Prepend(o.Name))
            .Concat(command.Subcommands.Select(c => c.Name)).Where(n => n.Length > 2);
        return names.Select(n => (Name: n, Distance: EditDistance(token, n)))
            .Where(c => c.Distance <= Math.Max(2, c.Name.Length / 4)).OrderBy(c => c.Distance)
            .Select(c => c.Name).FirstOrDefault();
    }

    private static int EditDistance(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var current = new int[b.Length + 1];
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
                current[j] = Math.Min(Math.Min(current[j - 1], previous[j]) + 1,
                    previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            previous = current;
        }
        return previous[b.Length];
    }

    private static string Plain(string message)
    {
        var conversion = CannotConvert().Match(message);
        if (!conversion.Success) return message.TrimEnd('.');
        var expected = conversion.Groups["type"].Value switch
        {
            var t when t.Contains("Int32") || t.Contains("Int64") => "a whole number",
            var t when t.Contains("Double") || t.Contains("Single") => "a number",
            var t when t.Contains("Boolean") => "true or false",
            var t => $"a {t}",
        };
        return $"{conversion.Groups["symbol"].Value}: expected {expected}, got '{conversion.Groups["value"].Value}'";
    }

    [GeneratedRegex(
        @"^Cannot parse argument '(?<value>.*)' for (?:option|command) '(?<symbol>.*)' "
        + @"as expected type '(?<type>.*)'\.?$")]
    private static partial Regex CannotConvert();
}
