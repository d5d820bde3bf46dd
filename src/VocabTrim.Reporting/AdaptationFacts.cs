using VocabTrim.Counting;
using VocabTrim.Recipes;
using VocabTrim.Selection;
using VocabTrim.Surgery;
using VocabTrim.Validation;

namespace VocabTrim.Reporting;

/// <summary>
/// Everything the model card and the report say about one adaptation, as the pipeline measured it. The writers
/// only format these facts; they compute nothing that could disagree with the stages' own files.
/// </summary>
/// <param name="OutputName">
/// The slim model's repository-style name, e.g. <c>mt0-xl-en-de</c>; used in the card's title and code samples.
/// </param>
/// <param name="OriginalCard">The original folder's README.md text; null when it had none.</param>
/// <param name="Corpora">One entry per counted language, in the order of <paramref name="Counts"/>.</param>
/// <param name="Parameters">Parameters and bytes by tensor group (see <see cref="ParameterGroups.Measure"/>).</param>
/// <param name="Validation">Null when validation was skipped.</param>
/// <param name="Timings">Wall time of each stage, in running order.</param>
public sealed record AdaptationFacts(
    BaseModel BaseModel,
    string OutputName,
    string? OriginalCard,
    IReadOnlyList<CorpusFact> Corpora,
    IReadOnlyList<LanguageCounts> Counts,
    KeptVocabulary Selection,
    ModelTrimReport Trim,
    ParameterGroups Parameters,
    ValidationReport? Validation,
    IReadOnlyList<StageTiming> Timings,
    CardMetadata Card);
