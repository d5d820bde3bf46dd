using TorchSharp;
using VocabTrim.Inference.Bloom;
using VocabTrim.Inference.Tests.Support;

namespace VocabTrim.Inference.Tests;

public class AlibiBiasTests
{
    /// <summary>The ALiBi paper's slopes, computed here in doubles and independently of the implementation.</summary>
    private static double[] PaperSlopes(int heads)
    {
        static double[] PowerOfTwo(int n) => [.. Enumerable.Range(1, n).Select(i => Math.Pow(2, -8.0 * i / n))];
        var closest = 1;
        while (closest * 2 <= heads) closest *= 2;
        if (closest == heads) return PowerOfTwo(heads);
        // The remaining heads take every other slope of the series for twice the closest power of two.
        return [.. PowerOfTwo(closest), .. PowerOfTwo(2 * closest).Where((_, i) => i % 2 == 0).Take(heads - closest)];
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    [InlineData(6)]
    [InlineData(12)]
    [InlineData(16)]
    [InlineData(20)]
    [InlineData(32)]
    [InlineData(40)]
    [InlineData(112)]
    public void Slopes_follow_the_geometric_series_also_for_head_counts_that_are_not_powers_of_two(int heads)
    {
        using var slopes = AlibiBias.Slopes(heads, torch.CPU);
        Tolerance.AssertClose(TensorData.Floats(slopes), PaperSlopes(heads), $"{heads} heads", absolute: 0,
            relative: 1e-6);
    }

    [Fact]
    public void Left_padding_does_not_shift_positions()
    {
        using var mask = torch.tensor(new long[] { 0, 0, 1, 1, 1, 1, 1, 1, 1 }, [1, 9]);
        using var bias = AlibiBias.Build(mask, 12, torch.ScalarType.Float32);   // [1, 12, 1, 9]
        bias.shape.Should().Equal(1, 12, 1, 9);
        var values = TensorData.Floats(bias);
        var slopes = PaperSlopes(12);
        for (var h = 0; h < 12; h++)
            for (var k = 0; k < 9; k++)
                values[h * 9 + k].Should().BeApproximately((float)(slopes[h] * Math.Max(0, k - 2)), 1e-5f,
                    $"head {h} key {k}");
    }
}
