using System.Diagnostics;

namespace VocabTrim.Validation;

/// <summary>
/// Wall time per layer stack of a streamed run, from the layers announcing themselves: the time until the next
/// announcement belongs to the stack of the layer that ran. Also counts passes (layer 0 starting).
/// </summary>
internal sealed class StackClock
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly Dictionary<string, double> _seconds = [];
    private readonly Dictionary<string, int> _passes = [];
    private string? _current;
    private double _since;

    public void Starting(string stack, int index)
    {
        Close();
        _current = stack;
        if (index == 0) _passes[stack] = _passes.GetValueOrDefault(stack) + 1;
    }

    /// <summary>Ends the last layer's interval (the head and host copies after it count to its stack).</summary>
    public void Close()
    {
        var now = _clock.Elapsed.TotalSeconds;
        if (_current is not null) _seconds[_current] = _seconds.GetValueOrDefault(_current) + now - _since;
        _since = now;
        _current = null;
    }

    public double Seconds(string stack) => _seconds.GetValueOrDefault(stack);

    public int Passes(string stack) => _passes.GetValueOrDefault(stack);
}
