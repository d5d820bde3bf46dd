using System.Globalization;

namespace VocabTrim.Surgery;

/// <summary>How far the writing of the trimmed weights has come, and how fast.</summary>
/// <param name="Elapsed">Since the first tensor byte was written.</param>
public readonly record struct TrimProgress(long BytesWritten, long BytesTotal, TimeSpan Elapsed = default)
{
    public double? Fraction => BytesTotal == 0 ? null : (double)BytesWritten / BytesTotal;

    /// <summary>Bytes per second so far; null before a rate can be told (under a tenth of a second).</summary>
    public double? BytesPerSecond => Elapsed.TotalSeconds >= 0.1 ? BytesWritten / Elapsed.TotalSeconds : null;

    /// <summary>The time left at the rate so far.</summary>
    public TimeSpan? Remaining => BytesPerSecond is > 0 and var rate
        ? TimeSpan.FromSeconds((BytesTotal - BytesWritten) / rate)
        : null;

    /// <summary>"4,012 of 15,004 MB of weights written, 312 MB/s, 35 s left".</summary>
    public override string ToString()
    {
        var text = string.Create(CultureInfo.InvariantCulture,
            $"{BytesWritten / 1e6:N0} of {BytesTotal / 1e6:N0} MB of weights written");
        if (BytesPerSecond is { } rate) text += string.Create(CultureInfo.InvariantCulture, $", {rate / 1e6:N0} MB/s");
        if (Remaining is { } left && BytesWritten < BytesTotal) text += $", {Duration(left)} left";
        return text;
    }

    private static string Duration(TimeSpan t) => t.TotalSeconds < 60
        ? string.Create(CultureInfo.InvariantCulture, $"{Math.Ceiling(t.TotalSeconds):F0} s")
        : t.TotalHours < 1
            ? string.Create(CultureInfo.InvariantCulture, $"{(int)t.TotalMinutes} min {t.Seconds:D2} s")
            : string.Create(CultureInfo.InvariantCulture, $"{(int)t.TotalHours} h {t.Minutes:D2} min");
}
