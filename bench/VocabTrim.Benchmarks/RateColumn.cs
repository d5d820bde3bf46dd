using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace VocabTrim.Benchmarks;

/// <summary>
/// A summary column that turns a benchmark's mean time into a rate: the work one operation does (tokens,
/// for instance) divided by the mean time, times <paramref name="scale"/> (1e-6 for millions).
/// </summary>
/// <param name="unitsPerOperation">The work of one operation for a case, or null when it is not known.</param>
internal sealed class RateColumn(string id, string name, string legend, Func<BenchmarkCase, double?> unitsPerOperation,
    double scale = 1, string format = "F2") : IColumn
{
    public string Id => id;
    public string ColumnName => name;
    public bool AlwaysShow => true;
    public ColumnCategory Category => ColumnCategory.Custom;
    public int PriorityInCategory => 0;
    public bool IsNumeric => true;
    public UnitType UnitType => UnitType.Dimensionless;
    public string Legend => legend;
    public bool IsAvailable(Summary summary) => true;
    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) =>
        GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        var statistics = summary[benchmarkCase]?.ResultStatistics;
        if (statistics == null) return "-";
        return unitsPerOperation(benchmarkCase) is { } units
            ? (units / (statistics.Mean / 1e9) * scale)
                .ToString(format, System.Globalization.CultureInfo.InvariantCulture)
            : "?";
    }
}
