using VocabTrim.Reporting.Tests.Support;

namespace VocabTrim.Reporting.Tests;

[Collection(RealAdaptationCollection.Name)]
public class CoverageCurveTests(RealAdaptation run)
{
    [Fact]
    public void Starts_at_the_special_pieces_share_rises_to_all_tokens_and_never_falls()
    {
        foreach (var counts in run.Counts)
        {
            var curve = CoverageCurve.Of(counts, run.Selection);
            var specialTokens = run.Selection.Pieces.Where(p => p.Special != null).Sum(p => counts.Counts[p.Id]);

            curve.At(0).Should().Be((double)specialTokens / counts.Tokens);
            curve.At(curve.PiecesSeen).Should().Be(1.0);
            var points = curve.Sample(curve.PiecesSeen);
            points.Select(p => p.Coverage).Should().BeInAscendingOrder();
            points.Should().Contain(p => p.Pieces == Math.Min(curve.Quota, curve.PiecesSeen));
        }
    }

    [Fact]
    public void A_language_own_top_N_is_the_best_N_for_it_so_the_kept_set_of_that_size_covers_no_more()
    {
        foreach (var counts in run.Counts)
        {
            var curve = CoverageCurve.Of(counts, run.Selection);
            var kept = run.Selection.Languages.Single(l => l.Language == counts.Language);

            curve.KeptCoverage.Should().Be(kept.Coverage);
            curve.At(curve.OrdinaryKept).Should().BeGreaterThanOrEqualTo(kept.Coverage);
            curve.At(curve.Quota).Should().BeLessThanOrEqualTo(kept.Coverage);
        }
    }

    [Fact]
    public void Pieces_for_a_coverage_is_the_first_size_that_reaches_it()
    {
        var curve = CoverageCurve.Of(run.Counts[0], run.Selection);

        var n = curve.PiecesFor(0.9)!.Value;
        curve.At(n).Should().BeGreaterThanOrEqualTo(0.9);
        if (n > 0) curve.At(n - 1).Should().BeLessThan(0.9);
        curve.PiecesFor(1.0).Should().BeLessThanOrEqualTo(curve.PiecesSeen);
    }
}
