using System.Formats.Tar;
using System.IO.Compression;

namespace VocabTrim.Corpora.Sources;

/// <summary>
/// The <c>*-sentences.txt</c> entry of a Leipzig <c>.tar.gz</c>/<c>.tgz</c>/<c>.tar</c> archive, streamed
/// without extracting anything to disk.
/// </summary>
internal sealed class TarArchiveSource : CorpusSource
{
    private readonly string _archivePath;
    private readonly string _pathAsGiven;
    private readonly bool _gzip;
    private readonly Func<string, Stream> _openFile;
    private readonly string _entryName;
    // Finding the entry means decompressing everything before it (hundreds of MB of co-occurrence
    // files in a 1M corpus), so the stream found while opening is kept for the first pass.
    private ArchiveEntryStream? _positioned;

    private TarArchiveSource(string archivePath, string pathAsGiven, bool gzip, Func<string, Stream> openFile)
    {
        _openFile = openFile;
        _archivePath = archivePath;
        _pathAsGiven = pathAsGiven;
        _gzip = gzip;
        _positioned = OpenEntry(out _entryName);
    }

    public static TarArchiveSource Open(string archivePath, string pathAsGiven, bool gzip,
        Func<string, Stream> openFile) =>
        new(archivePath, pathAsGiven, gzip, openFile);

    public override string Description => $"{_pathAsGiven}!{_entryName}";

    public override string SentenceFileName => _entryName[(_entryName.LastIndexOf('/') + 1)..];

    public override long SizeBytes => new FileInfo(_archivePath).Length;

    public override string FilePath => Path.GetFullPath(_archivePath);

    public override Stream OpenSentences()
    {
        var positioned = Interlocked.Exchange(ref _positioned, null);
        if (positioned != null) return positioned;
        var stream = OpenEntry(out var entryName);
        if (entryName != _entryName)
        {
            stream.Dispose();
            throw new CorpusFormatException(_pathAsGiven, null,
                $"the archive changed while in use: its sentence file was '{_entryName}', now it is '{entryName}'");
        }
        return stream;
    }

    public override void Dispose() => Interlocked.Exchange(ref _positioned, null)?.Dispose();

    private ArchiveEntryStream OpenEntry(out string entryName)
    {
        var file = _openFile(_archivePath);
        Stream archive = _gzip ? new GZipStream(file, CompressionMode.Decompress, leaveOpen: false) : file;
        var reader = new TarReader(archive, leaveOpen: false);
        try
        {
            var seen = new List<string>();
            while (reader.GetNextEntry(copyData: false) is { } entry)
            {
                if (IsSentenceFile(entry))
                {
                    var name = entryName = entry.Name;
                    return new ArchiveEntryStream(archive, reader, entry.DataStream ?? Stream.Null, entry.Length,
                        () => RefuseSecondSentenceFile(reader, name));
                }
                seen.Add(entry.Name);
            }
            throw new CorpusFormatException(_pathAsGiven, null,
                $"expected a Leipzig corpus archive with a *-sentences.txt file, found {Listing(seen)}");
        }
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException or FormatException)
        {
            reader.Dispose();
            archive.Dispose();
            var kind = _gzip ? "a .tar.gz archive" : "a .tar archive";
            throw new CorpusFormatException(_pathAsGiven, null,
                $"expected {kind} holding a *-sentences.txt file, but the archive is truncated or corrupt before "
                + $"it: {e.Message}", e);
        }
        catch
        {
            reader.Dispose();
            archive.Dispose();
            throw;
        }
    }

    // Streaming stops at the first sentence file; the entries after it are looked at once it has been read,
    // so an archive of two corpora is an error rather than the first one taken silently.
    private void RefuseSecondSentenceFile(TarReader reader, string first)
    {
        while (reader.GetNextEntry(copyData: false) is { } entry)
        {
            if (IsSentenceFile(entry))
                throw new CorpusFormatException(_pathAsGiven, null,
                    $"expected one *-sentences.txt file in the archive, found two: {first} and {entry.Name}; extract "
                    + "the one you mean and give that file");
        }
    }

    private static bool IsSentenceFile(TarEntry entry) =>
        entry.EntryType is TarEntryType.RegularFile or TarEntryType.V7RegularFile or TarEntryType.ContiguousFile
        && entry.Name.EndsWith(CorpusLocator.SentenceFileSuffix, StringComparison.OrdinalIgnoreCase);

    private static string Listing(List<string> entries) => entries.Count switch
    {
        0 => "no entries",
        <= 12 => "only " + string.Join(", ", entries),
        _ => $"only {string.Join(", ", entries.Take(12))} and {entries.Count - 12} more",
    };
}
