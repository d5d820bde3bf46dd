using System.CommandLine;
using System.Globalization;

namespace VocabTrim.Cli;

/// <summary>
/// Range rules for numeric options, checked at parse time so that a bad value is a parse error like any other.
/// They read the option's own token rather than its converted value: a validator that asks for the value of an
/// option that failed to convert (<c>--threads abc</c>) throws, and during parsing nothing catches that.
/// </summary>
internal static class OptionRules
{
    public static Option<int> AtLeast(this Option<int> option, int minimum)
    {
        option.Validators.Add(result =>
        {
            if (LastToken(result) is { } text
                && int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
                && value < minimum)
                result.AddError($"{option.Name} must be at least {minimum}, not {value}");
        });
        return option;
    }

    public static Option<double> NotNegative(this Option<double> option)
    {
        option.Validators.Add(result =>
        {
            if (LastToken(result) is { } text
                && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
                && !(value >= 0))
                result.AddError($"{option.Name} must be a number >= 0, not {text}");
        });
        return option;
    }

    private static string? LastToken(System.CommandLine.Parsing.OptionResult result) =>
        result.Tokens.Count > 0 ? result.Tokens[^1].Value : null;
}
