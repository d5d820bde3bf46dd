using VocabTrim.Validation;

namespace VocabTrim.Adaptation;

/// <summary>How the slim model is checked against the original before the output folder is committed.</summary>
/// <param name="Corpora">Per language the corpus file to validate on (resolved, existing).</param>
public sealed record ValidationPlan(IReadOnlyList<(string Language, string Corpus)> Corpora, ValidationOptions Options);
