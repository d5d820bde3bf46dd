namespace VocabTrim.Reporting;

/// <summary>How long one pipeline stage took (wall time).</summary>
/// <param name="Reused">The stage's result came from a cache (counts), so its time is not the work's.</param>
public sealed record StageTiming(string Stage, double Seconds, bool Reused = false);
