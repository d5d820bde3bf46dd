using System.CommandLine;
using VocabTrim.Cli;

namespace VocabTrim.Pipeline.Tests.Cli;

/// <summary>
/// Runs the vocabtrim command line in process and captures what it prints (standard error is not the console, so
/// progress comes as plain lines).
/// </summary>
internal sealed record CliRun(int ExitCode, string Output, string Error)
{
    public static CliRun Of(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exitCode = VocabTrimCommand.Invoke(args, new InvocationConfiguration { Output = output, Error = error });
        return new CliRun(exitCode, output.ToString(), error.ToString());
    }

    /// <summary>Everything printed, for assertion messages.</summary>
    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Output}\n--- stderr\n{Error}";
}
