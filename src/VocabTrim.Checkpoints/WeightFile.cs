using VocabTrim.Common;

namespace VocabTrim.Checkpoints;

/// <summary>
/// How a weight file (a shard, an index) reaches its name. Written alone, it goes through <see cref="AtomicFile"/>
/// (a temporary and a rename). Inside a folder that is staged as a whole (a <see cref="StagingFolder"/>, the work
/// folder of an adaptation), it is written under its own name: the folder is what appears only when complete, and
/// a failure or Ctrl-C removes it with whatever was half written, so a second staging per file would only add a
/// rename.
/// </summary>
internal static class WeightFile
{
    private const int BufferBytes = 1 << 20;

    /// <param name="folderIsStaged">The caller stages the folder <paramref name="path"/> is in.</param>
    public static void Write(string path, bool folderIsStaged, Action<Stream> write)
    {
        if (!folderIsStaged)
        {
            AtomicFile.Write(path, write);
            return;
        }
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, BufferBytes);
        write(stream);
        // As durable as through AtomicFile: the folder's rename must not publish data still in the page cache.
        stream.Flush(flushToDisk: true);
    }
}
