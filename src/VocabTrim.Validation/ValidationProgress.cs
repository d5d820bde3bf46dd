namespace VocabTrim.Validation;

/// <summary>
/// Where a validation is: what it does now and the share of its work done, for a progress bar with an ETA.
/// </summary>
public readonly record struct ValidationProgress(string Status, double Fraction);
