using System.Diagnostics;

namespace VocabTrim.Benchmarks;

/// <summary>
/// A child <c>dotnet</c> process inside a cgroup v1 memory limit (root only), with its peak RSS and peak anonymous
/// memory sampled from /proc and the cgroup's own peak (page cache included: the honest charge for memory-mapped
/// weights, which the kernel may reclaim).
/// </summary>
internal sealed class MemoryLimitedRun
{
    private const string MemoryRoot = "/sys/fs/cgroup/memory";

    public sealed record Measurement(int ExitCode, TimeSpan Wall, long PeakRss, long PeakAnon, long CgroupPeak,
        long OomKills, string Stdout, string Stderr);

    private readonly Process _process;
    private readonly string _cgroup;
    private readonly Stopwatch _clock;

    private MemoryLimitedRun(Process process, string cgroup, Stopwatch clock) =>
        (_process, _cgroup, _clock) = (process, cgroup, clock);

    public static MemoryLimitedRun Start(string dll, IEnumerable<string> args, string limit, string name)
    {
        if (!Directory.Exists(MemoryRoot))
            throw new InvalidOperationException($"{MemoryRoot} is missing: no cgroup v1 memory controller");
        var cgroup = Path.Combine(MemoryRoot, name);
        if (Directory.Exists(cgroup)) Directory.Delete(cgroup);
        Directory.CreateDirectory(cgroup);
        File.WriteAllText(Path.Combine(cgroup, "memory.limit_in_bytes"), limit);
        // The shell joins the cgroup and then becomes the CLI (same pid), so nothing runs outside the limit.
        var start = new ProcessStartInfo("/bin/sh") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add($"echo $$ > {Path.Combine(cgroup, "cgroup.procs")} && exec dotnet \"$@\"");
        start.ArgumentList.Add("sh");
        start.ArgumentList.Add(dll);
        foreach (var a in args) start.ArgumentList.Add(a);
        var clock = Stopwatch.StartNew();
        return new MemoryLimitedRun(Process.Start(start)!, cgroup, clock);
    }

    public Measurement WaitAndMeasure()
    {
        var stdout = _process.StandardOutput.ReadToEndAsync();
        var stderr = _process.StandardError.ReadToEndAsync();
        long peakRss = 0, peakAnon = 0;
        while (!_process.WaitForExit(100))
        {
            try
            {
                foreach (var line in File.ReadLines($"/proc/{_process.Id}/status"))
                {
                    // Numbers are padded only up to 8 characters: split on any whitespace.
                    var fields = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
                    if (fields.Length < 2) continue;
                    if (fields[0] == "VmHWM:") peakRss = Math.Max(peakRss, long.Parse(fields[1]) * 1024);
                    if (fields[0] == "RssAnon:") peakAnon = Math.Max(peakAnon, long.Parse(fields[1]) * 1024);
                }
            }
            catch (IOException) { } // exited between the check and the read
        }
        var wall = _clock.Elapsed;
        var cgroupPeak = long.Parse(File.ReadAllText(Path.Combine(_cgroup, "memory.max_usage_in_bytes")).Trim());
        var oomKills = File.ReadLines(Path.Combine(_cgroup, "memory.oom_control"))
            .Select(l => l.Split(' ')).Where(f => f[0] == "oom_kill").Select(f => long.Parse(f[1])).FirstOrDefault();
        var measurement = new Measurement(_process.ExitCode, wall, peakRss, peakAnon, cgroupPeak, oomKills,
            stdout.Result, stderr.Result);
        try { Directory.Delete(_cgroup); } catch (IOException) { }
        return measurement;
    }
}
