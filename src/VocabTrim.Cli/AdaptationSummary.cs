using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using VocabTrim.Adaptation;

namespace VocabTrim.Cli;

/// <summary>
/// The end of an adapt run: a short table for people, or one JSON object for scripts (<c>--json</c>).
/// </summary>
public static class AdaptationSummary
{
    public static void Print(AdaptationResult r, TextWriter o)
    {
        var c = CultureInfo.InvariantCulture;
        var t = r.Trim;
        o.WriteLine();
        o.WriteLine(string.Create(c, $"{"",-12} {"original",16} {"slim",16} {"change",8}"));
        o.WriteLine(string.Create(c,
            $"{"parameters",-12} {t.ParametersBefore,16:N0} {t.ParametersAfter,16:N0} "
            + $"{Change(t.ParametersBefore, t.ParametersAfter),8}"));
        o.WriteLine(string.Create(c,
            $"{"weights",-12} {Megabytes(t.BytesBefore),16} {Megabytes(t.BytesAfter),16} "
            + $"{Change(t.BytesBefore, t.BytesAfter),8}"));
        o.WriteLine(string.Create(c,
            $"{"vocabulary",-12} {t.RowsBefore,16:N0} {t.RowsAfter,16:N0} {Change(t.RowsBefore, t.RowsAfter),8}"));
        o.WriteLine();
        o.WriteLine(string.Create(c,
            $"{"language",-9} {"quota",8} {"sentences",11} {"token coverage",15} {"sentences covered",18} "
            + $"{"max |Δ| logits",15}"));
        foreach (var l in r.Selection.Languages)
        {
            var counts = r.Counts.Single(x => x.Language == l.Language);
            var v = r.Validation?.Languages.FirstOrDefault(x => x.Language == l.Language);
            o.WriteLine(string.Create(c,
                $"{l.Language,-9} {l.Quota,8:N0} {counts.Sentences,11:N0} {l.Coverage,15:P2} "
                + $"{(v == null ? "-" : v.CoveredShare.ToString("P1", c)),18} "
                + $"{(v == null ? "-" : v.MaxAbsLogitDifference.ToString("G3", c)),15}"));
        }
        o.WriteLine();
        o.WriteLine(string.Join(", ",
            r.Stages.Select(s => string.Create(c, $"{s.Stage} {s.Seconds:F1} s{(s.Reused ? " (cached)" : "")}"))));
        o.WriteLine(r.Validation == null ? "validation: skipped"
            : r.Validation.Passed ? "validation: passed"
            : $"validation: FAILED ({string.Join("; ", r.Validation.Failures)})");
        o.WriteLine($"wrote {r.OutputFolder}");
    }

    public static void WriteJson(AdaptationResult r, TextWriter o)
    {
        var t = r.Trim;
        var summary = new
        {
            output = r.OutputFolder,
            passed = r.Passed,
            validated = r.Validation != null,
            parameters = new { before = t.ParametersBefore, after = t.ParametersAfter },
            weightBytes = new { before = t.BytesBefore, after = t.BytesAfter },
            vocabularyRows = new { before = t.RowsBefore, after = t.RowsAfter },
            kept = new
            {
                total = r.Selection.Totals.Kept, specials = r.Selection.Totals.Specials,
                overallOnly = r.Selection.Totals.OverallOnly
            },
            languages = r.Selection.Languages.Select(l => new
            {
                language = l.Language,
                quota = l.Quota,
                selected = l.Selected,
                sentences = r.Counts.Single(x => x.Language == l.Language).Sentences,
                tokenCoverage = l.Coverage,
                sentencesCovered = r.Validation?.Languages.FirstOrDefault(x => x.Language == l.Language)?.CoveredShare,
                maxAbsLogitDifference =
                    r.Validation?.Languages.FirstOrDefault(x => x.Language == l.Language)?.MaxAbsLogitDifference,
            }),
            failures = r.Validation?.Failures ?? [],
            stages = r.Stages.Select(s => new { stage = s.Stage, seconds = s.Seconds, reused = s.Reused }),
        };
        o.WriteLine(JsonSerializer.Serialize(summary, new JsonSerializerOptions
        {
            WriteIndented = true,
            NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        }));
    }

    private static string Megabytes(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1e6:N1} MB");

    private static string Change(long before, long after) =>
        before == 0 ? "-"
            : string.Create(CultureInfo.InvariantCulture, $"{(after - before) / (double)before:+0.0%;-0.0%}");
}
