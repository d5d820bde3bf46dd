using VocabTrim.Synthetic;

namespace VocabTrim.Demo.Tests;

/// <summary>The portable arithmetic behind the random weights agrees with the platform's math library.</summary>
public class SyntheticMathTests
{
    [Fact]
    public void Portable_log_agrees_with_Math_Log_to_the_last_bits()
    {
        var random = new SplitMix64(1);
        var worst = 0.0;
        foreach (var x in Enumerable.Range(0, 200_000).Select(_ => 1 - random.NextDouble()).Concat(
            [1.0, 0.5, Math.Sqrt(2), Math.Sqrt(0.5), Math.Pow(2, -53), 1e-300, 1e300]))
        {
            var expected = Math.Log(x);
            var error = Math.Abs(PortableMath.Log(x) - expected);
            worst = Math.Max(worst, expected == 0 ? error : error / Math.Abs(expected));
        }
        worst.Should().BeLessThan(1e-15);
    }

    [Fact]
    public void Portable_cos_and_sin_in_turns_agree_with_Math()
    {
        var random = new SplitMix64(2);
        var worst = 0.0;
        foreach (var t in Enumerable.Range(0, 200_000).Select(_ => random.NextDouble()).Concat(
            [0.0, 0.125, 0.25, 0.5, 0.75, 1 - 1e-16]))
        {
            var (cos, sin) = PortableMath.CosSinTurns(t);
            worst = Math.Max(
                worst, Math.Max(Math.Abs(cos - Math.Cos(2 * Math.PI * t)), Math.Abs(sin - Math.Sin(2 * Math.PI * t))));
        }
        worst.Should().BeLessThan(1e-15);
    }

    [Theory]
    [InlineData(TensorInitKind.Normal)]
    [InlineData(TensorInitKind.Uniform)]
    public void Random_tensors_have_the_asked_mean_and_std(TensorInitKind kind)
    {
        var init = new TensorInit(kind, 0.25, kind == TensorInitKind.Normal ? 0.5 : 0.5 * Math.Sqrt(3));
        var values = Values(new RandomTensorSource("t", [400, 500], init, seed: 3));

        var mean = values.Average(v => (double)v);
        var std = Math.Sqrt(values.Average(v => (v - mean) * (v - mean)));
        mean.Should().BeApproximately(0.25, 0.005);
        std.Should().BeApproximately(0.5, 0.005);
        if (kind == TensorInitKind.Uniform) values.Should().OnlyContain(v => v >= 0.25 - 0.8661 && v < 0.25 + 0.8661);
        else values.Count(v => Math.Abs(v - 0.25) > 1.5).Should().BeInRange(
            400, 700, "about 0.27 % of normal values lie beyond 3 std");
    }

    [Fact]
    public void Values_depend_on_seed_and_name_only()
    {
        var init = TensorInit.Normal(1);
        var a = Values(new RandomTensorSource("x", [1000], init, seed: 5));

        Values(new RandomTensorSource("x", [1000], init, seed: 5)).Should().Equal(a);
        Values(new RandomTensorSource("y", [1000], init, seed: 5)).Should().NotEqual(a);
        Values(new RandomTensorSource("x", [1000], init, seed: 6)).Should().NotEqual(a);
        // A longer tensor of the same name starts with the same values: chunking does not enter the stream.
        Values(new RandomTensorSource("x", [200_000], init, seed: 5)).Take(1000).Should().Equal(a);
    }

    private static float[] Values(RandomTensorSource source)
    {
        using var stream = new MemoryStream();
        source.WriteTo(stream);
        return System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(stream.ToArray()).ToArray();
    }
}
