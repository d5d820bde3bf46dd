namespace VocabTrim.Synthetic;

/// <summary>
/// The logarithm and cosine/sine that Box-Muller needs, from + − × ÷ only. <see cref="Math.Log"/> and
/// <see cref="Math.Cos"/> come from the platform's C library and may differ in the last bit between machines;
/// IEEE 754 fixes the result of every basic operation, and .NET never fuses them, so these give the same bits
/// everywhere. Accuracy is about 1e-16 relative — far beyond what float32 weights keep.
/// </summary>
public static class PortableMath
{
    private const double Ln2 = 0.6931471805599453;
    private const double Sqrt2 = 1.4142135623730951;
    private const double HalfPi = 1.5707963267948966;

    /// <summary>Natural logarithm of a positive, finite, normal <paramref name="x"/>.</summary>
    public static double Log(double x)
    {
        if (!(x > 0) || double.IsInfinity(x) || !double.IsNormal(x))
            throw new ArgumentOutOfRangeException(nameof(x), x, "expected a positive, finite, normal number");
        var bits = BitConverter.DoubleToInt64Bits(x);
        var exponent = (int)((bits >> 52) & 0x7FF) - 1023;
        var m = BitConverter.Int64BitsToDouble((bits & 0xFFFFFFFFFFFFFL) | 0x3FF0000000000000L);   // [1, 2)
        if (m > Sqrt2) { m /= 2; exponent++; }                                                    // [√½, √2]
        // log m = 2·atanh(s) = 2(s + s³/3 + s⁵/5 + …) with |s| ≤ 0.172: eleven terms reach 1e-18.
        var s = (m - 1) / (m + 1);
        var s2 = s * s;
        var sum = 0.0;
        for (var k = 21; k >= 1; k -= 2) sum = sum * s2 + 1.0 / k;
        return exponent * Ln2 + 2 * s * sum;
    }

    /// <summary>
    /// cos(2πt) and sin(2πt) for <paramref name="t"/> in [0, 1) (t in turns, so no π rounding creeps in).
    /// </summary>
    public static (double Cos, double Sin) CosSinTurns(double t)
    {
        if (!(t >= 0 && t < 1)) throw new ArgumentOutOfRangeException(nameof(t), t, "expected a value in [0, 1)");
        var q = t * 4;                  // exact
        var quadrant = (int)q;
        var a = (q - quadrant) * HalfPi; // [0, π/2)
        var a2 = a * a;
        // Taylor series to a²³/23!: below 1e-19 on [0, π/2).
        double c = 0, s = 0;
        for (var k = 22; k >= 2; k -= 2) c = (c + 1) * (-a2 / (k * (k - 1)));
        c += 1;
        for (var k = 23; k >= 3; k -= 2) s = (s + 1) * (-a2 / (k * (k - 1)));
        s = (s + 1) * a;
        return quadrant switch
        {
            0 => (c, s),
            1 => (-s, c),
            2 => (-c, -s),
            _ => (s, -c),
        };
    }
}
