namespace VocabTrim.Surgery;

/// <summary>Free space of the file system a path is on, and that file system's mount point (for messages).</summary>
public interface IFreeSpace
{
    (string MountPoint, long AvailableBytes) Of(string path);
}

/// <summary>The real file systems, through statvfs (<see cref="DriveInfo"/>).</summary>
public sealed class FileSystemFreeSpace : IFreeSpace
{
    public static FileSystemFreeSpace Instance { get; } = new();

    public (string MountPoint, long AvailableBytes) Of(string path)
    {
        // The output folder does not exist yet: its nearest existing ancestor is on the file system it will be on.
        var existing = Path.GetFullPath(path);
        while (!Directory.Exists(existing)) existing = Path.GetDirectoryName(existing) ?? Path.GetPathRoot(existing)!;
        var mount = DriveInfo.GetDrives()
            .Select(d => d.RootDirectory.FullName)
            .Where(root => IsUnder(existing, root))
            .MaxBy(root => root.Length) ?? Path.GetPathRoot(existing)!;
        return (Path.TrimEndingDirectorySeparator(mount), new DriveInfo(existing).AvailableFreeSpace);
    }

    private static bool IsUnder(string path, string root)
    {
        var r = Path.TrimEndingDirectorySeparator(root);
        return path == r
            || path.StartsWith(Path.EndsInDirectorySeparator(r) ? r : r + Path.DirectorySeparatorChar,
                StringComparison.Ordinal);
    }
}

/// <summary>Fails before anything is written when the output's file system cannot hold it.</summary>
public static class DiskSpace
{
    /// <exception cref="ModelTrimException"><c>OUT: needs 350.2 GB on /data, 120.4 GB free</c>.</exception>
    public static void Ensure(IFreeSpace freeSpace, string target, long bytes)
    {
        var (mount, available) = freeSpace.Of(target);
        if (bytes > available)
            throw new ModelTrimException($"{target}: needs {Size(bytes)} on {mount}, {Size(available)} free");
    }

    private static string Size(long bytes) => bytes >= 1e9
        ? System.FormattableString.Invariant($"{bytes / 1e9:F1} GB")
        : System.FormattableString.Invariant($"{bytes / 1e6:F1} MB");
}
