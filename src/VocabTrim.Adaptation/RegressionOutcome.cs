using VocabTrim.Validation;

namespace VocabTrim.Adaptation;

/// <summary>
/// The result of <see cref="RegressionTest"/>: the fresh validation and what changed since the model was made.
/// </summary>
/// <param name="RecordedReport">The validation.json compared with, or null when the folder has none.</param>
public sealed record RegressionOutcome(ValidationReport Report, IReadOnlyList<string> Drift, string? RecordedReport)
{
    public bool Passed => Report.Passed && Drift.Count == 0;

    public IEnumerable<string> Failures => Report.Failures.Concat(Drift);
}
