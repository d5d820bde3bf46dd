namespace VocabTrim.Validation;

/// <summary>The process's peak resident set size (Linux VmHWM; the working-set peak elsewhere).</summary>
public static class PeakMemory
{
    public static long Bytes()
    {
        const string Status = "/proc/self/status";
        if (File.Exists(Status))
            foreach (var line in File.ReadLines(Status))
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                    return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) * 1024;
        return System.Diagnostics.Process.GetCurrentProcess().PeakWorkingSet64;
    }
}
