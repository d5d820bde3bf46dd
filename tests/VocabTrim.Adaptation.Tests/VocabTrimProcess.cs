using VocabTrim.TestSupport;

namespace VocabTrim.Adaptation.Tests;

/// <summary>
/// Runs vocabtrim as its own process (the vocabtrim.dll built beside the tests), for what only a real process
/// shows: a redirected standard error, and configuration read from environment variables.
/// </summary>
internal static class VocabTrimProcess
{
    public static CliRun Run(IReadOnlyDictionary<string, string?> environment, params string[] args) =>
        RunIn(null, environment, args);

    /// <param name="workingFolder">
    /// The process's working folder (relative paths in flags resolve against it); null: this one.
    /// </param>
    public static CliRun RunIn(
        string? workingFolder, IReadOnlyDictionary<string, string?> environment, params string[] args)
    {
        var result = CliProcess.Run(workingFolder, environment, args);
        return new CliRun(result.ExitCode, result.Output, result.Error);
    }
}
