namespace VocabTrim.Corpora.Sources;

/// <summary>Finds the sentence file behind whatever path a user has: the file, its folder, or the archive.</summary>
internal static class CorpusLocator
{
    public const string SentenceFileSuffix = "-sentences.txt";

    private const string Forms = "a *-sentences.txt file, an extracted corpus folder, or a .tar.gz/.tgz/.tar archive";

    private static readonly string[] GzipTarSuffixes = [".tar.gz", ".tgz"];
    private static readonly string[] UnsupportedCompressionSuffixes = [".gz", ".zip", ".bz2", ".xz", ".zst", ".7z"];

    public static CorpusSource Locate(string path, CorpusFormat format, Func<string, Stream> openFile)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (Directory.Exists(path))
        {
            if (format == CorpusFormat.PlainText)
                throw new CorpusFormatException(path, null, "expected a plain text file, found a folder");
            return FromFolder(path, openFile);
        }
        if (!File.Exists(path))
            throw new FileNotFoundException($"Corpus not found: '{path}' does not exist (expected {Forms}).", path);

        if (format == CorpusFormat.Leipzig)
        {
            if (HasSuffix(path, GzipTarSuffixes)) return TarArchiveSource.Open(path, path, gzip: true, openFile);
            if (HasSuffix(path, [".tar"])) return TarArchiveSource.Open(path, path, gzip: false, openFile);
        }
        if (HasSuffix(path, [.. GzipTarSuffixes, ".tar", .. UnsupportedCompressionSuffixes]))
        {
            // Reading compressed bytes as text would only fail later with a puzzling UTF-8 error.
            var expected = format == CorpusFormat.PlainText ? "an uncompressed plain text file" : Forms;
            throw new CorpusFormatException(path, null,
                $"expected {expected}, found a compressed file of a kind that cannot be read");
        }
        return new SentenceFileSource(path, path, openFile);
    }

    /// <summary>
    /// The file on disk that <see cref="Locate"/> would read, found without opening it (an archive is not
    /// decompressed).
    /// </summary>
    public static string FileOf(string path, CorpusFormat format) =>
        Directory.Exists(path) && format != CorpusFormat.PlainText ? Path.GetFullPath(SentenceFileIn(path))
        : File.Exists(path) ? Path.GetFullPath(path)
        : throw new FileNotFoundException($"Corpus not found: '{path}' does not exist (expected {Forms}).", path);

    private static CorpusSource FromFolder(string folder, Func<string, Stream> openFile)
    {
        var file = SentenceFileIn(folder);
        return new SentenceFileSource(file, file, openFile);
    }

    private static string SentenceFileIn(string folder)
    {
        var pattern = "*" + SentenceFileSuffix;
        var found = Directory.GetFiles(folder, pattern);
        // A folder the archive was extracted into holds the corpus folder, one level down.
        if (found.Length == 0)
            found = Directory.GetDirectories(folder).SelectMany(sub => Directory.GetFiles(sub, pattern)).ToArray();
        return found.Length switch
        {
            1 => found[0],
            0 => throw new CorpusFormatException(folder, null,
                $"expected an extracted corpus folder holding one {pattern} file, found none"),
            _ => throw new CorpusFormatException(folder, null,
                $"expected an extracted corpus folder holding one {pattern} file, found {found.Length}: " +
                string.Join(", ", found.Order(StringComparer.Ordinal).Select(f => Path.GetRelativePath(folder, f))) +
                "; give the file itself"),
        };
    }

    private static bool HasSuffix(string path, string[] suffixes) =>
        suffixes.Any(s => path.EndsWith(s, StringComparison.OrdinalIgnoreCase));
}
