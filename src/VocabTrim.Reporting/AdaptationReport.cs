using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using VocabTrim.Checkpoints;
using VocabTrim.Inference.Families;
using VocabTrim.Common;
using VocabTrim.Surgery;

namespace VocabTrim.Reporting;

/// <summary>
/// Writes <c>report.json</c> (every number), <c>report.md</c> (the same as tables, with the plots) and the three PNG
/// plots into a folder; each file atomically.
/// </summary>
public static class AdaptationReport
{
    public const string JsonFile = "report.json";
    public const string MarkdownFile = "report.md";
    public const string CoveragePlot = "report-coverage.png";
    public const string OverlapPlot = "report-overlap.png";
    public const string ParametersPlot = "report-parameters.png";

    public static JsonSerializerOptions JsonOptions { get; } = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DictionaryKeyPolicy = null,
        // A logit difference can be NaN when a model misbehaves; the report must still be written.
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    /// <summary>
    /// Writes the report files into <paramref name="folder"/> (created if needed); returns their names.
    /// </summary>
    public static IReadOnlyList<string> Write(AdaptationFacts facts, string folder)
    {
        Directory.CreateDirectory(folder);
        var curves = facts.Counts.Where(c => facts.Selection.Rule.Quotas.Any(q => q.Language == c.Language))
            .Select(c => CoverageCurve.Of(c, facts.Selection)).ToList();
        var plots = new Dictionary<string, string>();
        if (curves.Count > 0) plots["coverage"] = Save(folder, CoveragePlot, ReportPlots.Coverage(curves));
        plots["overlap"] = Save(folder, OverlapPlot, ReportPlots.Overlap(SelectionOverlap.Of(facts.Selection)));
        plots["parameters"] = Save(folder, ParametersPlot, ReportPlots.Parameters(facts.Parameters));

        var document = ReportDocument.Of(facts, plots);
        Save(folder, JsonFile, JsonSerializer.SerializeToUtf8Bytes(document, JsonOptions));
        Save(folder, MarkdownFile, new UTF8Encoding(false).GetBytes(Markdown(facts, document)));
        return [.. plots.Values, JsonFile, MarkdownFile];
    }

    public static string Markdown(AdaptationFacts facts, ReportDocument report)
    {
        var md = new List<string>
        {
            $"# vocabtrim report: {facts.OutputName}",
            "",
            $"Adapted from `{facts.BaseModel.Name}`" +
            (facts.BaseModel.Commit is { } c ? $" (commit `{c}`)"
                : facts.BaseModel.Revision is { } r ? $" (revision `{r}`)" : "") +
            $", model type `{facts.Trim.ModelType}`, by vocabtrim {report.VocabtrimVersion}. Every number here is " +
            $"also in `{JsonFile}`.",
            "",
            "## Languages",
            "",
            "| language | corpus | sentences | tokens | pieces seen | unknown tokens | byte-fallback tokens | quota " +
            "| selected | available | coverage of own top N | coverage of kept set |",
            "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
        };
        foreach (var l in report.Languages)
        {
            var corpus = l.Corpus switch
            {
                null => "–",
                { Link: { } link } used => $"[{used.Name}]({link})",
                { } used => $"`{used.Name}`",
            };
            md.Add($"| {l.Language} | {corpus} " +
                   $"| {Numbers.Count(l.Sentences)} | {Numbers.Count(l.Tokens)} | {Numbers.Count(l.PiecesSeen)} " +
                   $"| {Numbers.Count(l.UnknownTokens)} | {Numbers.Count(l.ByteFallbackTokens)} " +
                   $"| {Numbers.Count(l.Quota)} | {Numbers.Count(l.Selected)} | {Numbers.Count(l.Available)} " +
                   $"| {Numbers.Percent(l.CoverageOwnQuota)} | {Numbers.Percent(l.Coverage)} |");
        }
        md.Add("");
        md.Add("Ordinary pieces a language needs, on top of the special pieces, to cover a share of its corpus " +
               "tokens:");
        md.Add("");
        var shares = report.Languages.FirstOrDefault()?.PiecesFor.Keys.ToList() ?? [];
        md.Add("| language | " + string.Join(" | ", shares.Select(s => s + " %")) + " |");
        md.Add("| --- | " + string.Join(" | ", shares.Select(_ => "---:")) + " |");
        foreach (var l in report.Languages)
            md.Add($"| {l.Language} | " +
                   string.Join(" | ", shares.Select(s => l.PiecesFor[s] is { } n ? Numbers.Count(n) : "–")) + " |");
        if (report.Plots.TryGetValue("coverage", out var coverage))
            md.AddRange(["", $"![Token coverage per language]({coverage})"]);

        var sel = report.Selection;
        md.AddRange([
            "", "## Selection", "",
            $"The vocabulary consists of the {sel.Composition}.", "",
            "| | pieces |", "| --- | ---: |",
            $"| original tokenizer | {Numbers.Count(sel.Totals.TokenizerPieces)} |",
            $"| kept | {Numbers.Count(sel.Totals.Kept)} |",
            $"| – special | {Numbers.Count(sel.Totals.Specials)} |",
            $"| – selected by language quotas | {Numbers.Count(sel.Totals.ByQuotas)} |",
            $"| – selected by the overall top {sel.Overall} only | {Numbers.Count(sel.Totals.OverallOnly)} |",
            $"| overall top {sel.Overall} (incl. pieces quotas also chose) | " +
            $"{Numbers.Count(sel.Totals.OverallSelected)} |",
            $"| quota pieces the overall top {sel.Overall} chose too | " +
            $"{Numbers.Count(sel.Overlap.QuotaPiecesAlsoOverall)} |",
            $"| kept by the trimmed tokenizer | {Numbers.Count(sel.TrimmedKept)} |",
            "", "Which quotas selected the kept ordinary pieces:", "",
            "| selected by | pieces |", "| --- | ---: |",
        ]);
        foreach (var (key, count) in sel.Overlap.ByLanguages)
            md.Add($"| {(key.Contains('+') ? key.Replace("+", " and ") : "only " + key)} | {Numbers.Count(count)} |");
        md.Add($"| overall only | {Numbers.Count(sel.Overlap.OverallOnly)} |");
        md.Add($"| special | {Numbers.Count(sel.Overlap.Specials)} |");
        if (sel.Shortfalls.Count > 0) md.Add("");
        foreach (var s in sel.Shortfalls) md.Add($"- {s}");
        if (report.Plots.TryGetValue("overlap", out var overlap))
            md.AddRange(["", $"![Kept pieces by what selected them]({overlap})"]);

        var z = report.Sizes;
        md.AddRange([
            "", "## Sizes", "",
            "| | parameters before | parameters after | change | bytes before | bytes after |",
            "| --- | ---: | ---: | ---: | ---: | ---: |",
        ]);
        foreach (var g in z.Groups)
            md.Add($"| {ModelCard.GroupName(g.Group)} | {Numbers.Count(g.ParametersBefore)} | " +
                   $"{Numbers.Count(g.ParametersAfter)} | {Numbers.Change(g.ParametersBefore, g.ParametersAfter)} | " +
                   $"{Numbers.Bytes(g.BytesBefore)} | {Numbers.Bytes(g.BytesAfter)} |");
        md.Add($"| **all** | {Numbers.Count(z.ParametersBefore)} | {Numbers.Count(z.ParametersAfter)} | " +
               $"{Numbers.Change(z.ParametersBefore, z.ParametersAfter)} | {Numbers.Bytes(z.BytesBefore)} (files) | " +
               $"{Numbers.Bytes(z.BytesAfter)} (files) |");
        md.Add("");
        md.Add($"Vocabulary rows: {Numbers.Count(z.RowsBefore)} → {Numbers.Count(z.RowsAfter)}" +
               (z.PaddingRowsAdded > 0 ? $" ({Numbers.Count(z.PaddingRowsAdded)} zero padding rows)" : "") + ".");
        md.AddRange(["", "| tensor | role | action | note |", "| --- | --- | --- | --- |"]);
        foreach (var t in z.Tensors.Where(t => t.Role != TensorRole.Other || t.Action != TensorAction.Copy))
            md.Add($"| `{t.Name}` | {t.Role} | {t.Action} | {t.Reason ?? ""} |");
        var copied = z.Tensors.Count(t => t.Role == TensorRole.Other && t.Action == TensorAction.Copy);
        md.Add($"| {copied} other tensors | Other | Copy | byte for byte |");
        if (z.Notes.Count > 0) md.Add("");
        foreach (var n in z.Notes) md.Add($"- {n}");
        if (report.Plots.TryGetValue("parameters", out var parameters))
            md.AddRange(["", $"![Parameters by tensor group]({parameters})"]);

        md.AddRange(["", "## Validation", ""]);
        md.AddRange(ValidationSummary.Lines(facts.Validation));

        md.AddRange(["", "## Time", "", "| stage | seconds |", "| --- | ---: |"]);
        foreach (var t in report.Timings)
            md.Add($"| {t.Stage}{(t.Reused ? " (reused)" : "")} | {Numbers.Fixed(t.Seconds, 2)} |");

        md.Add($"| **total** | {Numbers.Fixed(report.TotalSeconds, 2)} |");
        return string.Join('\n', md) + "\n";
    }

    private static string Save(string folder, string name, byte[] bytes)
    {
        AtomicFile.Write(Path.Combine(folder, name), s => s.Write(bytes));
        return name;
    }
}
