namespace VocabTrim.Validation;

/// <summary>The process's peak resident set size (Linux VmHWM; the working-set peak elsewhere).</summary>
public static class PeakMemory
{
    private const string Status = "/proc/self/status";

    public static long Bytes()
    {
        if (File.Exists(Status) && FromStatus(File.ReadAllText(Status)) is { } bytes) return bytes;
        return System.Diagnostics.Process.GetCurrentProcess().PeakWorkingSet64;
    }

    /// <summary>
    /// VmHWM from the text of <c>/proc/PID/status</c>, in bytes; null when the line is absent or unreadable. The
    /// kernel right-aligns the number in 8 columns after the tab (<c>VmHWM:\t  123456 kB</c>), so from about
    /// 9.5 GB on there is no space at all (<c>VmHWM:\t12493932 kB</c>): fields are split on any whitespace.
    /// </summary>
    public static long? FromStatus(string status)
    {
        foreach (var line in status.Split('\n'))
        {
            if (!line.StartsWith("VmHWM:", StringComparison.Ordinal)) continue;
            var fields = line["VmHWM:".Length..].Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            return fields is [var number, "kB"] && long.TryParse(number, System.Globalization.NumberStyles.None,
                System.Globalization.CultureInfo.InvariantCulture, out var kilobytes)
                ? checked(kilobytes * 1024)
                : null;
        }
        return null;
    }
}
