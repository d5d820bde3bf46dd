namespace VocabTrim.Validation;

/// <summary>Everything validate measured; <see cref="Passed"/> says whether the slim model kept its promises.</summary>
public sealed record ValidationReport(
    string Original,
    string Slim,
    ValidationOptions Options,
    IReadOnlyList<LanguageValidation> Languages,
    ModelMeasurement OriginalModel,
    ModelMeasurement SlimModel,
    IReadOnlyList<string> Failures)
{
    public bool Passed => Failures.Count == 0;

    /// <summary>How the models ran and where the time went; null for a report without logit inputs.</summary>
    public ValidationRun? Run { get; init; }
}

/// <summary>One corpus: tokenization agreement and the logits comparison.</summary>
/// <param name="Covered">Sentences whose original ids were all kept.</param>
/// <param name="CoveredIdentical">
/// Covered sentences whose slim ids are exactly the original ids mapped (should be all).
/// </param>
/// <param name="UncoveredWithByteFallback">Sentences not covered whose slim ids use byte pieces.</param>
/// <param name="UncoveredWithUnknown">Sentences not covered whose slim ids use the unknown piece.</param>
/// <param name="LogitSteps">Decoding steps compared (while both models had generated the same tokens).</param>
/// <param name="MaxAbsLogitDifference">Largest |slim − original| over the compared steps and kept ids.</param>
/// <param name="LogitValuesOutOfTolerance">Compared logits outside abs + rel·|original|.</param>
/// <param name="GreedyIdentical">
/// Sentences where every greedy choice of the slim model is the original's best kept token.
/// </param>
/// <param name="OriginalGreedyWithinKept">
/// Sentences whose unrestricted original greedy output uses only kept tokens (information).
/// </param>
public sealed record LanguageValidation(
    string Language,
    string Corpus,
    int Sentences,
    int Covered,
    int CoveredIdentical,
    int UncoveredWithByteFallback,
    int UncoveredWithUnknown,
    int LogitSentences,
    int LogitSteps,
    double MaxAbsLogitDifference,
    long LogitValuesOutOfTolerance,
    int GreedyIdentical,
    int OriginalGreedyWithinKept)
{
    public double CoveredShare => Sentences == 0 ? 0 : (double)Covered / Sentences;
    public double GreedyIdenticalShare => LogitSentences == 0 ? 1 : (double)GreedyIdentical / LogitSentences;
}

/// <summary>Size and speed of one model on the validation input.</summary>
/// <param name="GeneratedTokens">
/// Decoding steps timed: the slim model's greedy tokens, and for the original the same tokens fed to it (one step each,
/// the same work as generating them).
/// </param>
/// <param name="PeakRssBytes">
/// The process's peak resident memory after loading and running this model (the slim model runs first).
/// </param>
/// <param name="StoredDtype">
/// The floating-point dtype its weights are stored in (F32, F16, BF16; "mixed" when they differ).
/// </param>
/// <param name="ComputeDtype">
/// The dtype it ran in: both models run in the slim model's F16/BF16 when that differs from the original's storage,
/// so that the logits compare like with like; otherwise the asked one.
/// </param>
public sealed record ModelMeasurement(long Parameters, long WeightFileBytes, long VocabularyRows, long GeneratedTokens,
    double Seconds, long PeakRssBytes, string StoredDtype = "", string ComputeDtype = "float32")
{
    public double TokensPerSecond => Seconds > 0 ? GeneratedTokens / Seconds : 0;
}
