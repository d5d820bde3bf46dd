using System.Diagnostics;
using System.Globalization;

namespace VocabTrim.TestSupport;

/// <summary>
/// vocabtrim running as its own process (<c>dotnet vocabtrim.dll</c>, built beside the test project that references
/// the CLI), for what only a real process shows: signals, locks held by another process, a redirected standard error.
/// Disposing kills it if it still runs.
/// </summary>
public sealed class CliProcess : IDisposable
{
    private readonly Process _process;
    private readonly Task<string> _output;
    private readonly Task<string> _error;

    private CliProcess(Process process)
    {
        _process = process;
        _output = process.StandardOutput.ReadToEndAsync();
        _error = process.StandardError.ReadToEndAsync();
    }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <param name="workingFolder">
    /// The process's working folder (relative paths in flags resolve against it); null: this one.
    /// </param>
    public static CliProcess Start(
        string? workingFolder, IReadOnlyDictionary<string, string?> environment, params string[] args)
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
        foreach (var name in new[] { "HF_ENDPOINT", "HF_TOKEN", "HUGGING_FACE_HUB_TOKEN", "HF_HOME",
            "HF_HUB_CACHE", "HUGGINGFACE_HUB_CACHE", "HF_HUB_OFFLINE", "VOCABTRIM_CACHE", "VOCABTRIM_CORPUS_BASE_URL" })
            start.Environment.Remove(name);
        foreach (var (name, value) in environment) start.Environment[name] = value;
        return new CliProcess(Process.Start(start)!);
    }

    public static CliProcess Start(params string[] args) => Start(null, new Dictionary<string, string?>(), args);

    /// <summary>Runs to the end and returns what it printed.</summary>
    public static ProcessResult Run(
        string? workingFolder, IReadOnlyDictionary<string, string?> environment, params string[] args)
    {
        using var process = Start(workingFolder, environment, args);
        return process.WaitForExit(TimeSpan.FromMinutes(10));
    }

    /// <summary>
    /// Sends a signal as a user or a service manager would: <c>kill -INT</c> (Ctrl-C), <c>-TERM</c>, <c>-KILL</c>.
    /// </summary>
    public void Signal(string signal)
    {
        if (signal == "INT" && IgnoresSigint(Id))
            throw new InvalidOperationException(
                "the vocabtrim process ignores SIGINT, as it inherited SIG_IGN from the test run (started in the " +
                "background with & or nohup, where shells ignore Ctrl-C); run the tests in the foreground");
        using var kill = Process.Start(
            new ProcessStartInfo(
                "kill", ["-" + signal, Id.ToString(CultureInfo.InvariantCulture)])
            { UseShellExecute = false })!;
        kill.WaitForExit();
        if (kill.ExitCode != 0)
            throw new InvalidOperationException($"kill -{signal} {Id} failed with exit code {kill.ExitCode}");
    }

    // SigIgn is a hexadecimal mask with bit (n - 1) for signal n; SIGINT is 2.
    private static bool IgnoresSigint(int pid)
    {
        const string key = "SigIgn:";
        string? line;
        try
        {
            line = File.ReadLines($"/proc/{pid}/status")
                .FirstOrDefault(l => l.StartsWith(key, StringComparison.Ordinal));
        }
        catch (IOException)
        {
            return false; // already ended: kill reports that itself
        }
        if (line == null) return false;
        var mask = ulong.Parse(line[key.Length..].Trim(), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        return (mask & 0b10) != 0;
    }

    /// <summary>
    /// Polls <paramref name="condition"/> until it holds; fails (with what the process printed) when the process ends
    /// first or <paramref name="timeout"/> passes.
    /// </summary>
    public void WaitUntil(Func<bool> condition, TimeSpan timeout, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (_process.HasExited)
            {
                var result = WaitForExit(TimeSpan.FromSeconds(10));
                throw new InvalidOperationException($"the process ended before {what}: {result}");
            }
            if (clock.Elapsed > timeout) throw new TimeoutException($"{what} did not happen within {timeout}");
            Thread.Sleep(5);
        }
    }

    /// <summary>
    /// Whether the process has mapped a shared library whose name contains <paramref name="name"/> (Linux).
    /// </summary>
    public bool HasLoaded(string name)
    {
        try { return File.ReadAllText($"/proc/{Id}/maps").Contains(name, StringComparison.Ordinal); }
        catch (IOException) { return false; }
    }

    public ProcessResult WaitForExit(TimeSpan timeout)
    {
        if (!_process.WaitForExit(timeout))
        {
            _process.Kill(entireProcessTree: true);
            throw new TimeoutException($"vocabtrim did not end within {timeout}");
        }
        _process.WaitForExit();
        return new ProcessResult(_process.ExitCode, _output.Result, _error.Result);
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }
        catch (InvalidOperationException) { }
        _process.Dispose();
    }
}

/// <summary>How a process ended and what it printed.</summary>
public sealed record ProcessResult(int ExitCode, string Output, string Error)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Output}\n--- stderr\n{Error}";
}
