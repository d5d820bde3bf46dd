using System.Globalization;
using Spectre.Console;
using VocabTrim.Adaptation;

using VocabTrim.Reporting;

namespace VocabTrim.Cli;

/// <summary>
/// Progress of an adaptation on a terminal: a bar per stage with its rate, share done and time left when the
/// total is known (a spinner otherwise), and a line per finished stage above the bars.
/// </summary>
public sealed class AdaptationProgressBars : IAdaptationObserver
{
    private readonly IAnsiConsole _console;
    private readonly Dictionary<string, ProgressTask> _tasks = [];
    private readonly Lock _lock = new();
    private ProgressContext? _context;

    private AdaptationProgressBars(IAnsiConsole console) => _console = console;

    /// <summary>Runs <paramref name="run"/> with bars drawn on standard error.</summary>
    public static Task<T> ShowAsync<T>(Func<IAdaptationObserver, Task<T>> run)
    {
        var console = ProgressStyles.BarsConsole();
        var bars = new AdaptationProgressBars(console);
        return console.Progress().AutoClear(true).HideCompleted(true)
            .Columns(new SpinnerColumn(), new TaskDescriptionColumn { Alignment = Justify.Left },
                new ProgressBarColumn(),
                new PercentageColumn(), new RemainingTimeColumn(), new ElapsedTimeColumn())
            .StartAsync(context =>
            {
                bars._context = context;
                return run(bars);
            });
    }

    public void StageStarted(string stage, string description)
    {
        lock (_lock)
        {
            var task = _context!.AddTask(Markup.Escape(description), maxValue: 1000);
            task.IsIndeterminate = true;
            _tasks[stage] = task;
        }
    }

    public void StageProgress(string stage, string status, double? fraction)
    {
        lock (_lock)
        {
            if (!_tasks.TryGetValue(stage, out var task)) return;
            task.Description = Markup.Escape($"{stage}: {status}");
            if (fraction is { } f)
            {
                task.IsIndeterminate = false;
                task.Value = Math.Clamp(f, 0, 1) * task.MaxValue;
            }
        }
    }

    public void StageFinished(StageTiming timing, string summary)
    {
        lock (_lock)
        {
            if (_tasks.Remove(timing.Stage, out var task))
            {
                task.IsIndeterminate = false;
                task.Value = task.MaxValue;
                task.StopTask();
            }
            _console.MarkupLine(string.Create(CultureInfo.InvariantCulture,
                $"[green]✓[/] {Markup.Escape(timing.Stage)} [grey]({timing.Seconds:F1} s)[/] "
                + $"{Markup.Escape(summary)}"));
        }
    }

    public void Note(string message)
    {
        lock (_lock) _console.MarkupLine($"[yellow]note:[/] {Markup.Escape(message)}");
    }
}
