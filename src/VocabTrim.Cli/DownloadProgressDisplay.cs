using System.Diagnostics;
using System.Globalization;
using Spectre.Console;
using VocabTrim.Common;

namespace VocabTrim.Cli;

/// <summary>
/// Download progress for <c>corpus fetch</c> and <c>model fetch</c>: a bar per file with size, speed and time left on
/// a terminal; when standard error is redirected, a line every few seconds, on each new file and at each file's end
/// (so a log shows every transfer completed); nothing when quiet.
/// </summary>
internal static class DownloadProgressDisplay
{
    public static T Run<T>(bool quiet, TextWriter stderr, Func<IProgress<DownloadProgress>?, T> download)
    {
        return ProgressStyles.For(quiet, stderr) switch
        {
            ProgressStyle.None => download(null),
            ProgressStyle.Bars => Bars(download),
            _ => Lines(stderr, download),
        };
    }

    private static T Bars<T>(Func<IProgress<DownloadProgress>?, T> download)
    {
        return ProgressStyles.BarsConsole().Progress().AutoClear(true)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(),
                new PercentageColumn(),
                new DownloadedColumn(), new TransferSpeedColumn(), new RemainingTimeColumn())
            .Start(context =>
            {
                var tasks = new Dictionary<string, ProgressTask>(StringComparer.Ordinal);
                var result = download(new InlineProgress<DownloadProgress>(p =>
                {
                    if (!tasks.TryGetValue(p.Name, out var task))
                    {
                        task = tasks[p.Name] = context.AddTask(Markup.Escape(p.Name));
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

    private static T Lines<T>(TextWriter stderr, Func<IProgress<DownloadProgress>?, T> download)
    {
        var clock = Stopwatch.StartNew();
        var lastLine = TimeSpan.FromSeconds(-5); // so that the first report prints a line
        string? lastFile = null;
        long? lastBytes = null;
        return download(new InlineProgress<DownloadProgress>(p =>
        {
            var done = p.Total is { } t && p.Bytes == t;
            if (clock.Elapsed - lastLine < TimeSpan.FromSeconds(5) && !done && p.Name == lastFile) return;
            if (done && p.Name == lastFile && lastBytes == p.Bytes) return;
            lock (stderr)
            {
                lastLine = clock.Elapsed;
                lastFile = p.Name;
                lastBytes = p.Bytes;
                stderr.WriteLine(p.Total is { } total
                    ? string.Create(CultureInfo.InvariantCulture,
                        $"{p.Name}: {p.Bytes / 1e6:N1} of {total / 1e6:N1} MB "
                        + $"({100.0 * p.Bytes / Math.Max(total, 1):F0} %)")
                    : string.Create(CultureInfo.InvariantCulture, $"{p.Name}: {p.Bytes / 1e6:N1} MB"));
            }
        }));
    }
}
