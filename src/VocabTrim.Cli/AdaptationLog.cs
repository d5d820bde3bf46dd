using System.Diagnostics;
using System.Globalization;
using VocabTrim.Adaptation;

using VocabTrim.Reporting;

namespace VocabTrim.Cli;

/// <summary>
/// Progress of an adaptation as plain lines (output redirected to a file or CI log): one every few seconds per stage.
/// </summary>
public sealed class AdaptationLog(TextWriter writer, TimeSpan? every = null) : IAdaptationObserver
{
    private readonly TimeSpan _every = every ?? TimeSpan.FromSeconds(5);
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly Dictionary<string, TimeSpan> _lastLine = [];
    private readonly Lock _lock = new();

    public void StageStarted(string stage, string description)
    {
        lock (_lock)
        {
            _lastLine[stage] = _clock.Elapsed;
            writer.WriteLine($"[{stage}] {description}");
        }
    }

    public void StageProgress(string stage, string status, double? fraction)
    {
        lock (_lock)
        {
            if (_lastLine.TryGetValue(stage, out var last) && _clock.Elapsed - last < _every) return;
            _lastLine[stage] = _clock.Elapsed;
            writer.WriteLine(fraction is { } f
                ? string.Create(CultureInfo.InvariantCulture, $"[{stage}] {f:P0} {status}")
                : $"[{stage}] {status}");
        }
    }

    public void StageFinished(StageTiming timing, string summary)
    {
        lock (_lock)
            writer.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"[{timing.Stage}] done in {timing.Seconds:F1} s: {summary}"));
    }

    public void Note(string message)
    {
        lock (_lock) writer.WriteLine($"note: {message}");
    }
}
