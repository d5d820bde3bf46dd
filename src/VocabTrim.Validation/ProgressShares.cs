namespace VocabTrim.Validation;

/// <summary>
/// One fraction for a run of consecutive phases, each weighed by the bytes it reads (re-planned as better
/// estimates come), so a progress bar's ETA covers the whole comparison rather than restarting per phase.
/// Thread-safe: the two folders are hashed in parallel, and the callback sees one rising fraction at a time.
/// </summary>
internal sealed class ProgressShares(Action<ValidationProgress>? report)
{
    private readonly List<(string Phase, double Weight)> _phases = [];
    private string? _current;
    private double _within;
    private string _status = "";
    private double _reported;
    private readonly object _lock = new(); // Monitor: Advance re-enters through Report

    /// <summary>Sets the weight of each named phase, adding phases not seen before after the others.</summary>
    public void Plan(params (string Phase, double Weight)[] phases)
    {
        lock (_lock)
        {
            foreach (var (phase, weight) in phases)
            {
                var i = _phases.FindIndex(p => p.Phase == phase);
                if (i >= 0) _phases[i] = (phase, Math.Max(0, weight));
                else _phases.Add((phase, Math.Max(0, weight)));
            }
        }
    }

    /// <param name="within">The share of <paramref name="phase"/> done; null keeps the last one.</param>
    public void Report(string phase, string status, double? within)
    {
        if (report is null) return;
        lock (_lock)
        {
            if (_current != phase) (_current, _within) = (phase, 0);
            if (within is { } w) _within = Math.Clamp(w, 0, 1);
            _status = status;
            // Re-planning can lower the computed share; a bar never goes back.
            _reported = Math.Max(_reported, Fraction);
            report(new ValidationProgress(_status, _reported));
        }
    }

    /// <summary>Advances the current phase by <paramref name="share"/> of it.</summary>
    public void Advance(string phase, string status, double share)
    {
        lock (_lock) Report(phase, status, (_current == phase ? _within : 0) + share);
    }

    public double Fraction
    {
        get
        {
            var total = _phases.Sum(p => p.Weight);
            if (total <= 0) return 0;
            double done = 0;
            foreach (var (phase, weight) in _phases)
            {
                if (phase == _current) return (done + weight * _within) / total;
                done += weight;
            }
            return done / total;
        }
    }
}
