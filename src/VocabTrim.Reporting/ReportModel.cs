namespace VocabTrim.Reporting;

public sealed record ReportModel(
    string Name, string? HubId, string? Revision, string? Commit, string ModelType, string Output);

