namespace VocabTrim.Adaptation;

/// <summary>How long one stage of an adaptation took, for the report and the benchmark.</summary>
/// <param name="Stage">e.g. <c>count en</c>, <c>select</c>, <c>trim</c>, <c>validate</c>.</param>
/// <param name="Reused">The stage's result came from a cache (counts).</param>
public sealed record StageTiming(string Stage, double Seconds, bool Reused = false);
