using System.Runtime.InteropServices;

namespace VocabTrim.Inference.Cpu;

/// <summary>
/// The OpenMP runtime libtorch runs its parallel ops and MKL's products on (on Linux, the libgomp shipped beside
/// <c>libtorch_cpu.so</c>), found among the libraries this process has mapped, and the entry points
/// <see cref="OpenMpTeam"/> calls: <c>GOMP_parallel</c>, what a compiler emits for <c>#pragma omp parallel</c>,
/// and the running region's thread number and count. <see cref="Available"/> is false where there is none
/// (other systems, or a libtorch without libgomp).
/// </summary>
internal static unsafe class OpenMpRuntime
{
    /// <summary>GOMP_parallel(fn, data, num_threads, flags): runs fn(data) on every thread of a new region.</summary>
    public static readonly delegate* unmanaged<delegate* unmanaged<void*, void>, void*, uint, uint, void> Parallel;

    public static readonly delegate* unmanaged<int> ThreadNumber;

    public static readonly delegate* unmanaged<int> ThreadCount;

    /// <summary>The library's path, or null.</summary>
    public static readonly string? Library;

    static OpenMpRuntime()
    {
        if (!OperatingSystem.IsLinux()) return;
        _ = TorchSharp.torch.get_num_threads();  // loads libtorch, and with it its OpenMP runtime
        // Without the map (a sandbox that hides /proc) there is no telling which libgomp is libtorch's.
        try { Library = Find(File.ReadLines("/proc/self/maps")); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return; }
        if (Library is null || !NativeLibrary.TryLoad(Library, out var handle)) return;
        if (!NativeLibrary.TryGetExport(handle, "GOMP_parallel", out var parallel) ||
            !NativeLibrary.TryGetExport(handle, "omp_get_thread_num", out var number) ||
            !NativeLibrary.TryGetExport(handle, "omp_get_num_threads", out var count)) return;
        Parallel = (delegate* unmanaged<delegate* unmanaged<void*, void>, void*, uint, uint, void>)parallel;
        ThreadNumber = (delegate* unmanaged<int>)number;
        ThreadCount = (delegate* unmanaged<int>)count;
    }

    public static bool Available => Parallel != null;

    /// <summary>
    /// The libgomp that libtorch uses, from the lines of <c>/proc/self/maps</c>: the one in the directory of
    /// <c>libtorch_cpu.so</c>; without libtorch mapped, or with no libgomp beside it, none (a libgomp of another
    /// library would not share libtorch's threads).
    /// </summary>
    internal static string? Find(IEnumerable<string> maps)
    {
        var paths = maps
            .Select(line => line.Split(' ', 6, StringSplitOptions.RemoveEmptyEntries))
            .Where(fields => fields.Length == 6 && fields[5].StartsWith('/'))
            .Select(fields => fields[5].Trim())
            .Distinct()
            .ToList();
        var torch = paths.FirstOrDefault(p => Path.GetFileName(p) == "libtorch_cpu.so");
        if (torch is null) return null;
        return paths.FirstOrDefault(p =>
            Path.GetFileName(p).StartsWith("libgomp", StringComparison.Ordinal)
                && Path.GetDirectoryName(p) == Path.GetDirectoryName(torch));
    }
}
