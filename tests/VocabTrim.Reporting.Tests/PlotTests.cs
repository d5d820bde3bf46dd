using SkiaSharp;
using VocabTrim.Reporting.Tests.Support;

namespace VocabTrim.Reporting.Tests;

[Collection(RealAdaptationCollection.Name)]
public class PlotTests(RealAdaptation run)
{
    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>
    /// A real picture: a PNG that decodes to the requested size with many distinct colours, not a blank canvas.
    /// </summary>
    private static void ShouldBeARenderedPng(byte[] png)
    {
        png.AsSpan(0, 8).ToArray().Should().Equal(PngSignature);
        using var bitmap = SKBitmap.Decode(png);
        bitmap.Should().NotBeNull();
        bitmap.Width.Should().Be(ReportPlots.Width);
        bitmap.Height.Should().Be(ReportPlots.Height);
        var colours = new HashSet<uint>();
        var nonWhite = 0;
        for (var y = 0; y < bitmap.Height; y += 2)
            for (var x = 0; x < bitmap.Width; x += 2)
            {
                var c = bitmap.GetPixel(x, y);
                colours.Add((uint)c);
                if (c.Red < 200 || c.Green < 200 || c.Blue < 200) nonWhite++;
            }
        colours.Count.Should().BeGreaterThan(20);
        nonWhite.Should().BeGreaterThan(1000, "lines, bars and axes are drawn");
    }

    [Fact]
    public void Coverage_plot_renders()
    {
        ShouldBeARenderedPng(ReportPlots.Coverage([.. run.Counts.Select(c => CoverageCurve.Of(c, run.Selection))]));
    }

    [Fact]
    public void Overlap_plot_renders()
    {
        ShouldBeARenderedPng(ReportPlots.Overlap(SelectionOverlap.Of(run.Selection)));
    }

    [Fact]
    public void Parameters_plot_renders()
    {
        ShouldBeARenderedPng(ReportPlots.Parameters(run.Parameters));
    }

    [Fact]
    public void Plots_differ_with_their_data()
    {
        var curves = run.Counts.Select(c => CoverageCurve.Of(c, run.Selection)).ToList();

        ReportPlots.Coverage(curves).Should().NotEqual(ReportPlots.Coverage([curves[0]]));
    }

    [Fact]
    public void Plot_text_uses_the_embedded_font_so_machines_without_fonts_still_get_labels()
    {
        var family = EmbeddedFont.Register();

        using var regular = ScottPlot.Fonts.GetTypeface(family, bold: false, italic: false);
        using var bold = ScottPlot.Fonts.GetTypeface(family, bold: true, italic: false);
        regular.FamilyName.Should().Be("DejaVu Sans");
        regular.GlyphCount.Should().BeGreaterThan(300);
        regular.ContainsGlyphs("Token coverage per language 0123456789 % − · Δ").Should().BeTrue();
        bold.FontStyle.Weight.Should().BeGreaterThan(regular.FontStyle.Weight);
    }

    [Fact]
    public void The_same_facts_render_the_same_bytes()
    {
        ReportPlots.Parameters(run.Parameters).Should().Equal(ReportPlots.Parameters(run.Parameters));
    }
}
