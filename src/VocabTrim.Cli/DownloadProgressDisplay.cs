using System.Diagnostics;
using System.Globalization;
using Spectre.Console;
using VocabTrim.Common;
using VocabTrim.Counting;

namespace VocabTrim.Cli;

/// <summary>
/// Download progress for <c>corpus fetch</c> and <c>model fetch</c>: a bar per file with size, speed and time left on
/// a terminal; when standard error is redirected, a line every few seconds, on each new file and at each file's end
/// (so a log shows every transfer completed); nothing when quiet.
/// </summary>
internal static class DownloadProgressDisplay
{
    /// <summary>One report: the file, its bytes so far, and its size when known.</summary>
    public readonly record struct Report(string File, long Bytes, long? Total);

    public static T Run<T>(bool quiet, TextWriter stderr, Func<IProgress<Report>?, T> download)
    {
        if (quiet) return download(null);
        return !Console.IsErrorRedirected && ReferenceEquals(stderr, Console.Error) ? Bars(download) : Lines(stderr, download);
    }

    private static T Bars<T>(Func<IProgress<Report>?, T> download)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        return console.Progress().AutoClear(true)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(),
                new DownloadedColumn(), new TransferSpeedColumn(), new RemainingTimeColumn())
            .Start(context =>
            {
                var tasks = new Dictionary<string, ProgressTask>(StringComparer.Ordinal);
                var result = download(new InlineProgress<Report>(p =>
                {
                    if (!tasks.TryGetValue(p.File, out var task))
                    {
                        task = tasks[p.File] = context.AddTask(Markup.Escape(p.File));
                        task.IsIndeterminate = true;
                    }
                    if (p.Total is { } total)
                    {
                        task.IsIndeterminate = false;
                        task.MaxValue = Math.Max(total, 1);
                    }
                    task.Value = p.Bytes;
                }));
                foreach (var task in tasks.Values) task.StopTask();
                return result;
            });
    }

    private static T Lines<T>(TextWriter stderr, Func<IProgress<Report>?, T> download)
    {
        var clock = Stopwatch.StartNew();
        var lastLine = TimeSpan.FromSeconds(-5); // so that the first report prints a line
        string? lastFile = null;
        long? lastBytes = null;
        return download(new InlineProgress<Report>(p =>
        {
            var done = p.Total is { } t && p.Bytes == t;
            if (clock.Elapsed - lastLine < TimeSpan.FromSeconds(5) && !done && p.File == lastFile) return;
            if (done && p.File == lastFile && lastBytes == p.Bytes) return;
            lock (stderr)
            {
                lastLine = clock.Elapsed;
                lastFile = p.File;
                lastBytes = p.Bytes;
                stderr.WriteLine(p.Total is { } total
                    ? string.Create(CultureInfo.InvariantCulture, $"{p.File}: {p.Bytes / 1e6:N1} of {total / 1e6:N1} MB ({100.0 * p.Bytes / Math.Max(total, 1):F0} %)")
                    : string.Create(CultureInfo.InvariantCulture, $"{p.File}: {p.Bytes / 1e6:N1} MB"));
            }
        }));
    }
}
