using System.CommandLine;
using VocabTrim.Common;

namespace VocabTrim.Cli;

/// <summary>
/// Runs a verb's work and shows the errors a user can fix (bad input files, impossible requests) as one
/// line on stderr with exit code 1. Anything else is a bug and keeps its stack trace.
/// </summary>
internal static class CommandErrors
{
    public static int Run(ParseResult parseResult, Action<TextWriter> work)
    {
        var configuration = parseResult.InvocationConfiguration;
        try
        {
            work(configuration.Output);
            return 0;
        }
        catch (Exception e) when (IsUserError(e)) { return Report(configuration, e); }
    }

    public static async Task<int> RunAsync(ParseResult parseResult, Func<TextWriter, Task> work)
    {
        var configuration = parseResult.InvocationConfiguration;
        try
        {
            await work(configuration.Output).ConfigureAwait(false);
            return 0;
        }
        catch (Exception e) when (IsUserError(e)) { return Report(configuration, e); }
    }

    private static int Report(InvocationConfiguration configuration, Exception e)
    {
        configuration.Error.WriteLine($"vocabtrim: {OneLine(e.Message)}");
        return 1;
    }

    // Every error a user can fix derives from UserInputException; the OS's refusals (a full disk, a folder
    // without write permission, a file that vanished) are theirs to fix too. Nothing else is caught here.
    private static bool IsUserError(Exception e) =>
        e is UserInputException or IOException or UnauthorizedAccessException;

    private static string OneLine(string message) =>
        string.Join(' ',
            message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
