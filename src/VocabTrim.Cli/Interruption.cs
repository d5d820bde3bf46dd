using System.CommandLine;

namespace VocabTrim.Cli;

/// <summary>
/// Ctrl-C (SIGINT, and SIGTERM) for a verb: System.CommandLine cancels the token it gives an asynchronous action
/// (a synchronous one is simply killed), the verb's loops stop at their next check and remove what they had begun to
/// write, and the verb ends with one line and exit code 130.
/// </summary>
internal static class Interruption
{
    public const int ExitCode = 130;

    public const string Message = "vocabtrim: interrupted; nothing was written";

    /// <summary>Runs <paramref name="action"/> off the signal-handling thread with the token Ctrl-C cancels.</summary>
    public static void SetInterruptibleAction(this Command command, Func<ParseResult, CancellationToken, int> action) =>
        command.SetAction((parse, cancel) => Task.Run(() =>
        {
            try
            {
                return action(parse, cancel);
            }
            catch (OperationCanceledException) when (cancel.IsCancellationRequested)
            {
                parse.InvocationConfiguration.Error.WriteLine(Message);
                return ExitCode;
            }
        }, CancellationToken.None));

    /// <summary>
    /// The same for a verb that awaits (downloads): awaited off the signal-handling thread, never blocked on.
    /// </summary>
    public static void SetInterruptibleAction(
        this Command command, Func<ParseResult, CancellationToken, Task<int>> action) =>
        command.SetAction((parse, cancel) => Task.Run(async () =>
        {
            try
            {
                return await action(parse, cancel).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancel.IsCancellationRequested)
            {
                parse.InvocationConfiguration.Error.WriteLine(Message);
                return ExitCode;
            }
        }, CancellationToken.None));
}
