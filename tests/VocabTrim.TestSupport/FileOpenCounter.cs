using System.Runtime.InteropServices;

namespace VocabTrim.TestSupport;

/// <summary>
/// Counts how often files are opened, by any thread or process, through Linux inotify (IN_OPEN): what a test uses
/// to hold a stage to reading each input once. Start it before the run, read <see cref="Opens"/> after. Closes are
/// watched too: the kernel merges an event with an identical one still unread, so open, open would count once, while
/// open, close, open counts twice.
/// </summary>
public sealed partial class FileOpenCounter : IDisposable
{
    private const int InOpen = 0x20;
    private const int InClose = 0x08 | 0x10;
    private const int InNonBlock = 0x800;
    private readonly int _fd;
    private readonly Dictionary<int, string> _watched = [];
    private readonly Dictionary<string, int> _opens = new(StringComparer.Ordinal);

    /// <param name="files">The files to watch (they must exist).</param>
    public FileOpenCounter(params string[] files)
    {
        if (!OperatingSystem.IsLinux()) throw new PlatformNotSupportedException("counting opens needs Linux inotify");
        _fd = InotifyInit1(InNonBlock);
        if (_fd < 0) throw new IOException($"inotify_init1 failed: errno {Marshal.GetLastPInvokeError()}");
        foreach (var file in files)
        {
            var full = Path.GetFullPath(file);
            var wd = InotifyAddWatch(_fd, full, InOpen | InClose);
            if (wd < 0)
                throw new IOException($"{full}: inotify_add_watch failed: errno {Marshal.GetLastPInvokeError()}");
            _watched[wd] = full;
            _opens[full] = 0;
        }
    }

    /// <summary>Opens of <paramref name="file"/> since the counter started.</summary>
    public int Opens(string file)
    {
        Drain();
        return _opens[Path.GetFullPath(file)];
    }

    private unsafe void Drain()
    {
        var buffer = new byte[64 * 1024];
        fixed (byte* start = buffer)
        {
            while (true)
            {
                var n = (int)Read(_fd, start, buffer.Length);
                if (n <= 0) return;
                // struct inotify_event { int wd; uint32 mask; uint32 cookie; uint32 len; char name[len]; }
                for (var offset = 0; offset < n;)
                {
                    var wd = BitConverter.ToInt32(buffer, offset);
                    var mask = BitConverter.ToUInt32(buffer, offset + 4);
                    var length = BitConverter.ToInt32(buffer, offset + 12);
                    if ((mask & InOpen) != 0 && _watched.TryGetValue(wd, out var file)) _opens[file]++;
                    offset += 16 + length;
                }
            }
        }
    }

    public void Dispose() => Close(_fd);

    [LibraryImport("libc", EntryPoint = "inotify_init1", SetLastError = true)]
    private static partial int InotifyInit1(int flags);

    [LibraryImport(
        "libc", EntryPoint = "inotify_add_watch", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int InotifyAddWatch(int fd, string path, int mask);

    [LibraryImport("libc", EntryPoint = "read", SetLastError = true)]
    private static unsafe partial nint Read(int fd, byte* buffer, nint count);

    [LibraryImport("libc", EntryPoint = "close")]
    private static partial int Close(int fd);
}
