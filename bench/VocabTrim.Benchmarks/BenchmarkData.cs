namespace VocabTrim.Benchmarks;

/// <summary>Finds ../shared beside the repository (the benchmarks run from a generated folder deep inside bin/).</summary>
internal static class BenchmarkData
{
    public static string Shared { get; } = FindShared();

    public static string File(params string[] parts) => Path.Combine([Shared, .. parts]);

    private static string FindShared()
    {
        var env = Environment.GetEnvironmentVariable("VOCABTRIM_SHARED");
        if (!string.IsNullOrEmpty(env)) return env;
        foreach (var start in new[] { AppContext.BaseDirectory, Environment.CurrentDirectory })
            for (var dir = new DirectoryInfo(start); dir != null; dir = dir.Parent)
                if (System.IO.File.Exists(Path.Combine(dir.FullName, "VocabTrim.sln")))
                    return Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared"));
        throw new InvalidOperationException("shared/ not found beside the repository; set VOCABTRIM_SHARED");
    }
}
