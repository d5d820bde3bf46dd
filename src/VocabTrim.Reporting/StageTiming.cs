namespace VocabTrim.Reporting;

/// <summary>How long one pipeline stage took (wall time).</summary>
public sealed record StageTiming(string Stage, double Seconds);
