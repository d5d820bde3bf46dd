using System.Diagnostics;

namespace VocabTrim.TestSupport;

/// <summary>Runs a reference tool (spm_encode, spm_train, python3) and returns its standard output.</summary>
public static class ExternalTool
{
    public static string Run(string exe, IEnumerable<string> args, string? stdin = null, string? workDir = null)
    {
        var psi = new ProcessStartInfo(exe)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = stdin != null,
            UseShellExecute = false,
            WorkingDirectory = workDir ?? Environment.CurrentDirectory,
            StandardOutputEncoding = System.Text.Encoding.UTF8,
        };
        foreach (var a in args) psi.ArgumentList.Add(a);
        Process p;
        try { p = Process.Start(psi)!; }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException(
                $"The reference tool '{exe}' is not installed ({e.Message}). tools/test.sh installs it; by hand: " +
                "apt-get install sentencepiece python3-sentencepiece", e);
        }
        var errTask = p.StandardError.ReadToEndAsync();
        if (stdin != null)
        {
            var writer = new StreamWriter(p.StandardInput.BaseStream, new System.Text.UTF8Encoding(false));
            // A dedicated thread: parallel tests can hold every pool thread, and a pooled feeder would stall.
            var feed = new Thread(() => { writer.Write(stdin); writer.Close(); }) { IsBackground = true };
            feed.Start();
            var outText = p.StandardOutput.ReadToEnd();
            feed.Join();
            p.WaitForExit();
            Check(p, exe, errTask.Result);
            return outText;
        }
        var output = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        Check(p, exe, errTask.Result);
        return output;
    }

    private static void Check(Process p, string exe, string err)
    {
        if (p.ExitCode != 0) throw new InvalidOperationException($"{exe} exited with {p.ExitCode}: {err}");
    }
}
