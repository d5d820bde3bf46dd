using VocabTrim.Common;

namespace VocabTrim.Reporting;

/// <summary>
/// Every number of <c>report.json</c>, taken from the facts without recomputing what the stages measured.
/// </summary>
public sealed record ReportDocument(
    string VocabtrimVersion,
    ReportModel Model,
    IReadOnlyList<ReportLanguage> Languages,
    ReportSelection Selection,
    ReportSizes Sizes,
    ReportValidation? Validation,
    IReadOnlyList<StageTiming> Timings,
    double TotalSeconds,
    IReadOnlyDictionary<string, string> Plots)
{
    public static ReportDocument Of(AdaptationFacts facts, IReadOnlyDictionary<string, string> plots)
    {
        var b = facts.BaseModel;
        var model = new ReportModel(b.Name, b.HubId, b.Revision, b.Commit, facts.Trim.ModelType, facts.OutputName);
        var languages = facts.Selection.Languages.Select(l => ReportLanguage.Of(l, facts)).ToList();
        var s = facts.Selection;
        var selection = new ReportSelection(VocabularyComposition.Sentence(s), s.Tokenizer.Sha256, s.Rule.Overall,
            s.Totals, facts.Trim.Kept, SelectionOverlap.Of(s), [.. s.Shortfalls()]);
        var t = facts.Trim;
        var sizes = new ReportSizes(
            t.ParametersBefore, t.ParametersAfter, t.BytesBefore, t.BytesAfter, t.RowsBefore, t.RowsAfter,
            t.PaddingRowsAdded, facts.Parameters.Groups,
            [
                .. t.Tensors.Select(x => new ReportTensor(
                    x.Name, x.OutputName, x.Role, ParameterGroups.GroupOf(x.Role), x.Action, x.Reason)),
            ],



            t.WeightFiles, t.Notes);
        var validation = facts.Validation is { } v
            ? new ReportValidation(v.Passed, v.Failures, v.Options, v.Languages, v.OriginalModel, v.SlimModel)
            : null;
        return new ReportDocument(ToolVersion.Current, model, languages, selection, sizes, validation,
            facts.Timings, facts.Timings.Sum(x => x.Seconds), plots);
    }
}
