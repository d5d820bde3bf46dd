using ScottPlot;

namespace VocabTrim.Reporting;

/// <summary>The report's three plots as PNG bytes (ScottPlot, rendered by Skia without any system library).</summary>
public static class ReportPlots
{
    public const int Width = 900;
    public const int Height = 520;

    /// <summary>
    /// (1) Cumulative token coverage per language against the number of ordinary pieces, the cut marked.
    /// </summary>
    public static byte[] Coverage(IReadOnlyList<CoverageCurve> curves)
    {
        var plot = new Plot();
        var palette = new ScottPlot.Palettes.Category10();
        var maxPieces = Math.Max(1, curves.Max(c => Math.Max(c.PiecesSeen, Math.Max(c.Quota, c.OrdinaryKept))));
        for (var i = 0; i < curves.Count; i++)
        {
            var curve = curves[i];
            var color = palette.GetColor(i);
            var points = curve.Sample(maxPieces);
            var line = plot.Add.ScatterLine(
                points.Select(p => (double)p.Pieces).ToArray(), points.Select(p => p.Coverage * 100).ToArray());
            line.Color = color;
            line.LineWidth = 2;
            line.LegendText = $"{curve.Language}: its top N";

            var cut = plot.Add.VerticalLine(curve.Quota);
            cut.Color = color;
            cut.LinePattern = LinePattern.Dashed;
            cut.LineWidth = 1.5f;
            cut.LegendText =
                $"{curve.Language}: cut at top {Numbers.Count(curve.Quota)} ({curve.At(curve.Quota) * 100:0.0} %)";

            var kept = plot.Add.Marker(curve.OrdinaryKept, curve.KeptCoverage * 100);
            kept.Color = color;
            kept.MarkerShape = MarkerShape.FilledDiamond;
            kept.MarkerSize = 12;
            kept.LegendText = $"{curve.Language}: whole kept set, {Numbers.Count(curve.OrdinaryKept)} pieces " +
                              $"({curve.KeptCoverage * 100:0.0} %)";
        }
        plot.Title("Token coverage per language");
        plot.XLabel("ordinary pieces kept (most frequent first; special pieces always kept)");
        plot.YLabel("corpus tokens covered (%)");
        var low = curves.Min(c => c.At(0)) * 100;
        plot.Axes.SetLimits(0, maxPieces * 1.02, Math.Max(0, low - 5), 101);
        plot.ShowLegend(Alignment.LowerRight);
        return Png(plot);
    }

    /// <summary>
    /// (2) Where the kept pieces came from: each language alone, several languages, the overall top-K alone, specials.
    /// </summary>
    public static byte[] Overlap(SelectionOverlap overlap)
    {
        var categories = new List<(string Label, int Count)>();
        foreach (var (key, count) in overlap.ByLanguages.Where(e => !e.Key.Contains('+')))
            categories.Add(($"only {key}", count));
        foreach (var (key, count) in overlap.ByLanguages.Where(e => e.Key.Contains('+')))
            categories.Add((key.Replace("+", " + "), count));
        categories.Add(("overall only", overlap.OverallOnly));
        categories.Add(("special", overlap.Specials));

        var plot = new Plot();
        var palette = new ScottPlot.Palettes.Category10();
        var bars = categories.Select((c, i) => new Bar
        {
            Position = i,
            Value = c.Count,
            FillColor = palette.GetColor(i),
            Label = Numbers.Count(c.Count),
        }).ToList();
        var plottable = plot.Add.Bars(bars);
        plottable.ValueLabelStyle.FontSize = 14;
        plot.Axes.Bottom.SetTicks([.. categories.Select((_, i) => (double)i)], [.. categories.Select(c => c.Label)]);
        plot.Axes.Margins(bottom: 0, top: 0.12);
        plot.Title($"Kept pieces by what selected them ({Numbers.Count(overlap.Total)} in all)");
        plot.YLabel("pieces");
        return Png(plot);
    }

    /// <summary>(3) Parameters before and after trimming, by tensor group.</summary>
    public static byte[] Parameters(ParameterGroups groups)
    {
        var plot = new Plot();
        var before = Colors.Gray;
        var after = new ScottPlot.Palettes.Category10().GetColor(0);
        // Millions for real models, thousands for the tiny test and demo checkpoints.
        var largest = groups.Groups.Max(g => g.ParametersBefore);
        var (scale, unit) = largest >= 1e9 ? (1e9, "billions")
            : largest >= 1e6 ? (1e6, "millions")
            : (1e3, "thousands");
        var bars = new List<Bar>();
        for (var i = 0; i < groups.Groups.Count; i++)
        {
            var g = groups.Groups[i];
            bars.Add(new Bar
            {
                Position = i * 3, Value = g.ParametersBefore / scale, FillColor = before,
                Label = Numbers.Parameters(g.ParametersBefore),
            });
            bars.Add(new Bar
            {
                Position = i * 3 + 1, Value = g.ParametersAfter / scale, FillColor = after,
                Label = Numbers.Parameters(g.ParametersAfter),
            });
        }
        var plottable = plot.Add.Bars(bars);
        plottable.ValueLabelStyle.FontSize = 14;
        plot.Axes.Bottom.SetTicks(
            [.. groups.Groups.Select((_, i) => i * 3 + 0.5)],
            [.. groups.Groups.Select(g => ModelCard.GroupName(g.Group))]);

        plot.Legend.ManualItems.Add(new LegendItem
        {
            LabelText = $"original ({Numbers.Parameters(groups.ParametersBefore)})", FillColor = before,
        });
        plot.Legend.ManualItems.Add(new LegendItem
        {
            LabelText = $"adapted ({Numbers.Parameters(groups.ParametersAfter)})", FillColor = after,
        });

        plot.ShowLegend(Alignment.UpperLeft);
        plot.Axes.Margins(bottom: 0, top: 0.2);
        plot.Title("Parameters by tensor group");
        plot.YLabel($"parameters ({unit})");
        return Png(plot);
    }

    private static byte[] Png(Plot plot)
    {
        plot.Font.Set(EmbeddedFont.Register());
        return plot.GetImageBytes(Width, Height, ImageFormat.Png);
    }
}
