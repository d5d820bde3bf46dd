using Spectre.Console;

namespace VocabTrim.Cli;

/// <summary>How a verb shows its progress on standard error.</summary>
internal enum ProgressStyle
{
    /// <summary>Nothing: <c>--quiet</c>.</summary>
    None,

    /// <summary>Live bars redrawn in place: standard error is the process's own and a terminal.</summary>
    Bars,

    /// <summary>
    /// Plain lines a log can keep: standard error is redirected, or a caller (a test) passed its own writer.
    /// </summary>
    Lines,
}

internal static class ProgressStyles
{
    public static ProgressStyle For(bool quiet, TextWriter stderr) =>
        quiet ? ProgressStyle.None
        : !Console.IsErrorRedirected && ReferenceEquals(stderr, Console.Error) ? ProgressStyle.Bars
        : ProgressStyle.Lines;

    /// <summary>
    /// The console the bars are drawn on: standard error, leaving standard output to the verb's results.
    /// </summary>
    public static IAnsiConsole BarsConsole() =>
        AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
}
