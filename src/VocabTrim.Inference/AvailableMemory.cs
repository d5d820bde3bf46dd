using System.Globalization;

namespace VocabTrim.Inference;

/// <summary>
/// How many more bytes this process can allocate before the kernel or its cgroup kills it: the smaller of the
/// machine's MemAvailable and what is left under a cgroup memory limit. Null where neither can be read.
/// </summary>
public static class AvailableMemory
{
    public static long? Bytes()
    {
        long? available = MemAvailable();
        if (CgroupRoom() is { } room) available = available is { } a ? Math.Min(a, room) : room;
        return available;
    }

    private static long? MemAvailable()
    {
        foreach (var line in ReadLines("/proc/meminfo"))
        {
            // "MemAvailable:   12345678 kB"
            if (!line.StartsWith("MemAvailable:", StringComparison.Ordinal)) continue;
            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            return parts.Length >= 2 && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture,
                out var kb) ? kb * 1024 : null;
        }
        return null;
    }

    // cgroup v2 (memory.max, "max" when unlimited) or v1 (memory.limit_in_bytes, a huge number when unlimited).
    private static long? CgroupRoom()
    {
        foreach (var (limitFile, usageFile) in new[]
                 {
                     ("/sys/fs/cgroup/memory.max", "/sys/fs/cgroup/memory.current"),
                     ("/sys/fs/cgroup/memory/memory.limit_in_bytes", "/sys/fs/cgroup/memory/memory.usage_in_bytes"),
                 })
        {
            if (ReadNumber(limitFile) is not { } limit || limit >= 1L << 60) continue;
            return Math.Max(0, limit - (ReadNumber(usageFile) ?? 0));
        }
        return null;
    }

    private static long? ReadNumber(string path) =>
        ReadLines(path).FirstOrDefault() is { } text
            && long.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;

    private static IEnumerable<string> ReadLines(string path)
    {
        try { return File.ReadAllLines(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return []; }
    }
}
