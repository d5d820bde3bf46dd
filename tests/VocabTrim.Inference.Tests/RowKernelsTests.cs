using VocabTrim.Inference.Cpu;

namespace VocabTrim.Inference.Tests;

public unsafe class RowKernelsTests
{
    [Theory]
    [InlineData(1, 512, 37)]
    [InlineData(1, 45, 9)]      // tails after 16 and 8 lanes
    [InlineData(2, 40, 11)]
    [InlineData(5, 77, 13)]
    [InlineData(8, 512, 21)]
    [InlineData(8, 23, 5)]
    [InlineData(16, 64, 9)]     // two groups of eight
    [InlineData(21, 40, 7)]     // a ragged third group
    [InlineData(32, 512, 13)]   // four groups over blocks of weight rows with ragged ends
    public void Products_match_a_double_precision_product(int rows, int n, int outputs)
    {
        var random = new Random(rows * 1000 + n);
        var x = Values(random, rows * n);
        var w = Values(random, outputs * n);
        var start = Values(random, rows * outputs);
        foreach (var accumulate in new[] { false, true })
        {
            var y = (float[])start.Clone();
            fixed (float* xp = x, wp = w, yp = y)
            {
                // In two ranges, as two parts of a team would.
                RowKernels.Multiply(xp, rows, n, wp, n, yp, outputs, 0, outputs / 2, accumulate);
                RowKernels.Multiply(xp, rows, n, wp, n, yp, outputs, outputs / 2, outputs, accumulate);
            }
            for (var r = 0; r < rows; r++)
                for (var j = 0; j < outputs; j++)
                {
                    var expected = accumulate ? start[r * outputs + j] : 0.0;
                    for (var k = 0; k < n; k++) expected += (double)x[r * n + k] * w[j * n + k];
                    var tolerance = 1e-4f + 1e-5f * (float)Math.Abs(expected);
                    y[r * outputs + j].Should().BeApproximately(
                        (float)expected, tolerance, $"row {r} output {j} accumulate {accumulate}");
                }
        }
    }

    // The groups take turns on blocks of weight rows, and validation's original head multiplies the slim model's
    // head inputs in other groups than its steps did: each output's sum must not notice either.
    [Theory]
    [InlineData(21, 136, 8)]
    [InlineData(13, 136, 1)]
    [InlineData(13, 45, 1)]     // tails after 16 and 8 lanes
    [InlineData(13, 45, 5)]
    public void Rows_give_the_same_bits_whatever_rows_come_with_them(int rows, int n, int group)
    {
        var random = new Random(rows * 1000 + n);
        const int outputs = 11;
        var x = Values(random, rows * n);
        var w = Values(random, outputs * n);
        var together = new float[rows * outputs];
        var apart = new float[rows * outputs];
        fixed (float* xp = x, wp = w, tp = together, ap = apart)
        {
            RowKernels.Multiply(xp, rows, n, wp, n, tp, outputs, 0, outputs, accumulate: false);
            for (var first = 0; first < rows; first += group)
                RowKernels.Multiply(xp + first * n, Math.Min(group, rows - first), n, wp, n,
                    ap + first * outputs, outputs, 0, outputs, accumulate: false);
        }
        apart.Should().Equal(together);
    }

    [Fact]
    public void Outputs_outside_the_range_are_left_alone()
    {
        var x = Values(new Random(1), 3 * 16);
        var w = Values(new Random(2), 10 * 16);
        var y = Enumerable.Repeat(42f, 3 * 10).ToArray();
        fixed (float* xp = x, wp = w, yp = y) RowKernels.Multiply(xp, 3, 16, wp, 16, yp, 10, 4, 7, accumulate: false);
        for (var r = 0; r < 3; r++)
            for (var j = 0; j < 10; j++)
                if (j is < 4 or >= 7) y[r * 10 + j].Should().Be(42f);
                else y[r * 10 + j].Should().NotBe(42f);
    }

    private static float[] Values(Random random, int count) =>
        [.. Enumerable.Range(0, count).Select(_ => (float)(random.NextDouble() * 2 - 1))];
}
