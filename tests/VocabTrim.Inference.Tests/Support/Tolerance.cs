namespace VocabTrim.Inference.Tests.Support;

/// <summary>
/// The agreement the reference README asks for: |Δ| ≤ 1e-4 + 1e-5·|expected| per element (a different BLAS or
/// cache-versus-recompute moves float32 logits by about 1e-4).
/// </summary>
public static class Tolerance
{
    public const double Absolute = 1e-4;
    public const double Relative = 1e-5;

    /// <summary>Fails with the worst element's index and values when any element is out of tolerance.</summary>
    public static void AssertClose(ReadOnlySpan<float> actual, ReadOnlySpan<double> expected, string what,
        double absolute = Absolute, double relative = Relative)
    {
        actual.Length.Should().Be(expected.Length, $"{what}: lengths");
        var worst = -1;
        var worstExcess = 0.0;
        for (var i = 0; i < actual.Length; i++)
        {
            var excess = Math.Abs(actual[i] - expected[i]) - (absolute + relative * Math.Abs(expected[i]));
            if (double.IsNaN(actual[i]) || excess > worstExcess)
            {
                worst = i;
                worstExcess = double.IsNaN(actual[i]) ? double.PositiveInfinity : excess;
            }
        }
        if (worst >= 0)
            throw new Xunit.Sdk.XunitException(
                $"{what}: element {worst} is {actual[worst]}, expected {expected[worst]} " +
                $"(|Δ| {Math.Abs(actual[worst] - expected[worst]):G3} over the tolerance by {worstExcess:G3})");
    }

    public static void AssertClose(ReadOnlySpan<float> actual, ReadOnlySpan<float> expected, string what,
        double absolute = Absolute, double relative = Relative)
    {
        var wide = new double[expected.Length];
        for (var i = 0; i < wide.Length; i++) wide[i] = expected[i];
        AssertClose(actual, wide, what, absolute, relative);
    }
}
