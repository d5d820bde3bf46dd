using VocabTrim.Validation;

namespace VocabTrim.Reporting;

public sealed record ReportValidation(
    bool Passed,
    IReadOnlyList<string> Failures,
    ValidationOptions Options,
    IReadOnlyList<LanguageValidation> Languages,
    ModelMeasurement Original,
    ModelMeasurement Slim);
