using System.Diagnostics;

namespace VocabTrim.Adaptation.Tests;

/// <summary>
/// Runs vocabtrim as its own process (the vocabtrim.dll built beside the tests), for what only a real process
/// shows: a redirected standard error, and configuration read from environment variables.
/// </summary>
internal static class VocabTrimProcess
{
    public static CliRun Run(IReadOnlyDictionary<string, string?> environment, params string[] args) => RunIn(null, environment, args);

    /// <param name="workingFolder">The process's working folder (relative paths in flags resolve against it); null: this one.</param>
    public static CliRun RunIn(string? workingFolder, IReadOnlyDictionary<string, string?> environment, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingFolder ?? Environment.CurrentDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = System.Text.Encoding.UTF8,
            StandardErrorEncoding = System.Text.Encoding.UTF8,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "vocabtrim.dll"));
        foreach (var arg in args) start.ArgumentList.Add(arg);
        // The machine's own hub settings must not reach a test (a token, a mirror, a shared cache).
        foreach (var name in new[] { "HF_ENDPOINT", "HF_TOKEN", "HUGGING_FACE_HUB_TOKEN", "HF_HOME", "HF_HUB_CACHE", "HUGGINGFACE_HUB_CACHE", "HF_HUB_OFFLINE", "VOCABTRIM_CACHE", "VOCABTRIM_CORPUS_BASE_URL" })
            start.Environment.Remove(name);
        foreach (var (name, value) in environment) start.Environment[name] = value;

        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return new CliRun(process.ExitCode, output, error.Result);
    }
}
