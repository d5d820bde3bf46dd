using System.Diagnostics;
using VocabTrim.Surgery;

namespace VocabTrim.Cli;

/// <summary>
/// <c>trim --model</c>'s progress on standard error: bytes, rate and time left every few seconds while the
/// weights are written (a 350 GB trim takes the better part of an hour), and once at the end; a trim done within
/// the first few seconds prints nothing.
/// </summary>
internal sealed class TrimProgressLines(TextWriter stderr, TimeSpan? every = null) : IProgress<TrimProgress>
{
    private readonly TimeSpan _every = every ?? TimeSpan.FromSeconds(5);
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private TimeSpan _last;
    private bool _printed;

    public void Report(TrimProgress value)
    {
        var done = value.BytesWritten == value.BytesTotal;
        if (done ? !_printed : _clock.Elapsed - _last < _every) return;
        _last = _clock.Elapsed;
        _printed = true;
        stderr.WriteLine($"trim: {value}");
    }
}
