using VocabTrim.Counting;
using VocabTrim.Selection;
using VocabTrim.Surgery;
using VocabTrim.Validation;

using VocabTrim.Reporting;

namespace VocabTrim.Adaptation;

/// <summary>What an adaptation produced and measured; the card, report and summary are written from it.</summary>
/// <param name="OutputFolder">
/// The finished folder (its final path, also while extra files are written before the commit).
/// </param>
/// <param name="Validation">Null when validation was skipped.</param>
/// <param name="KeepListSha256">The sha256 of the keep.json written into the folder.</param>
public sealed record AdaptationResult(
    AdaptationPlan Plan,
    string OutputFolder,
    TokenizerInfo Tokenizer,
    IReadOnlyList<LanguageCounts> Counts,
    KeptVocabulary Selection,
    string KeepListSha256,
    ModelTrimReport Trim,
    ValidationReport? Validation,
    IReadOnlyList<StageTiming> Stages)
{
    /// <summary>False when validation ran and found the slim model breaking a tolerance.</summary>
    public bool Passed => Validation?.Passed ?? true;

    public double TotalSeconds => Stages.Sum(s => s.Seconds);
}
