using System.Globalization;

namespace VocabTrim.Reporting;

/// <summary>
/// How the card and the report print numbers: invariant culture, so a card reads the same wherever it was made.
/// </summary>
internal static class Numbers
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static string Count(long n) => n.ToString("N0", Invariant);

    public static string Percent(double share) => (share * 100).ToString("0.00", Invariant) + " %";

    public static string Fixed(double value, int decimals) => value.ToString("F" + decimals, Invariant);

    /// <summary>1.526e-5; an exact zero (a head-only validation's logit difference) as 0, not 0e+0.</summary>
    public static string Scientific(double value) => value == 0 ? "0" : value.ToString("0.###e+0", Invariant);

    /// <summary>Decimal units, as the Hub shows file sizes.</summary>
    public static string Bytes(long bytes)
    {
        string[] units = ["B", "kB", "MB", "GB", "TB"];
        double value = bytes;
        var unit = 0;
        while (Math.Abs(value) >= 1000 && unit < units.Length - 1) { value /= 1000; unit++; }
        return unit == 0
            ? $"{bytes} B"
            : value.ToString(value >= 100 ? "0" : value >= 10 ? "0.0" : "0.00", Invariant) + " " + units[unit];

    }

    /// <summary>Parameter counts as model cards give them: 300.2M, 1.23B.</summary>
    public static string Parameters(long n) => n switch
    {
        >= 1_000_000_000 => (n / 1e9).ToString("0.00", Invariant) + "B",
        >= 1_000_000 => (n / 1e6).ToString("0.0", Invariant) + "M",
        >= 1_000 => (n / 1e3).ToString("0.0", Invariant) + "k",
        _ => n.ToString(Invariant),
    };

    /// <summary>How much smaller <paramref name="after"/> is than <paramref name="before"/>, e.g. "−85.1 %".</summary>
    public static string Change(long before, long after) =>
        before == 0 ? "–" : ((after - before) * 100.0 / before).ToString("+0.0;−0.0;0.0", Invariant) + " %";
}
