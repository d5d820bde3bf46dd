using VocabTrim.Common;

namespace VocabTrim.Counting;

/// <summary>
/// A counts folder: <c>counts.json</c> (the tokenizer and how each language was counted) and one
/// <c>&lt;lang&gt;.counts.csv</c> per language.
/// </summary>
public static class CountsDirectory
{
    public const string ManifestFile = "counts.json";

    public static string CountsFile(string language) => $"{language}.counts.csv";

    /// <summary>
    /// Writes exactly <paramref name="languages"/> to <paramref name="folder"/>: all files are written into
    /// a staging folder first and moved into place when complete, <c>counts.json</c> last. Counts files
    /// of languages no longer listed are removed. To add a language, pass the ones already there too.
    /// </summary>
    public static CountsManifest Write(string folder, TokenizerVocabulary vocabulary,
        IEnumerable<LanguageCounts> languages,
        TimeProvider? clock = null)
    {
        var entries = new Dictionary<string, CountsManifestEntry>();
        var list = languages.ToList();
        foreach (var counts in list)
        {
            if (LanguageFileName.Problem(counts.Language) is { } problem) throw new ArgumentException(problem);
            if (entries.ContainsKey(counts.Language))
                throw new ArgumentException($"language '{counts.Language}' is given twice");
            if (counts.Counts.Length != vocabulary.Count)
                throw new ArgumentException(
                    $"'{counts.Language}' has {counts.Counts.Length} counts, the tokenizer has {vocabulary.Count} " +
                    "pieces");
            var sum = Sum(counts.Counts);
            if (sum != counts.Tokens)
                throw new ArgumentException($"'{counts.Language}': the counts add up to {sum} tokens, not " +
                    $"{counts.Tokens}");
            entries.Add(counts.Language, CountsManifestEntry.Of(counts));
        }

        var manifest = new CountsManifest(CountsManifest.FormatName, CountsManifest.CurrentVersion, ToolVersion.Current,
            (clock ?? TimeProvider.System).GetUtcNow(), vocabulary.Info, entries);
        using (var staging = new StagingFolder(folder))
        {
            foreach (var counts in list)
                CountsCsv.Write(staging.File(CountsFile(counts.Language)), vocabulary, counts.Counts);
            JsonDataFile.Write(staging.File(ManifestFile), manifest);
            staging.Commit(last: ManifestFile);
        }
        foreach (var stale in Directory.GetFiles(folder, "*.counts.csv"))
        {
            var language = Path.GetFileName(stale)[..^".counts.csv".Length];
            if (!entries.ContainsKey(language)) File.Delete(stale);
        }
        return manifest;
    }

    /// <summary>Reads and checks <c>counts.json</c> only, e.g. to decide what can be reused.</summary>
    public static CountsManifest ReadManifest(string folder)
    {
        var path = Path.Combine(folder, ManifestFile);
        if (!File.Exists(path))
            throw new DataFileException(path, Directory.Exists(folder)
                ? "not found: this folder holds no counts (run vocabtrim count first)"
                : "not found: the counts folder does not exist");
        var manifest = JsonDataFile.Read<CountsManifest>(path);
        if (manifest.Format != CountsManifest.FormatName)
            throw new DataFileException(path, $"$.format: '{manifest.Format}', expected '{CountsManifest.FormatName}'");
        if (manifest.Version != CountsManifest.CurrentVersion)
            throw new DataFileException(path,
                $"$.version: {manifest.Version}; this vocabtrim reads version {CountsManifest.CurrentVersion}");
        foreach (var language in manifest.Languages.Keys)
            if (LanguageFileName.Problem(language) is { } problem)
                throw new DataFileException(path, $"$.languages: {problem}");
        return manifest;
    }

    /// <summary>
    /// Reads the counts of <paramref name="languages"/> (all languages when null) and checks them against
    /// <paramref name="vocabulary"/>, which must be the tokenizer the counts were made with.
    /// </summary>
    public static IReadOnlyList<LanguageCounts> Read(string folder, TokenizerVocabulary vocabulary,
        IEnumerable<string>? languages = null)
    {
        var manifest = ReadManifest(folder);
        var manifestPath = Path.Combine(folder, ManifestFile);
        if (manifest.Tokenizer.Sha256 != vocabulary.Info.Sha256)
            throw new DataFileException(manifestPath,
                $"these counts were made with the tokenizer {manifest.Tokenizer.Path} (sha256 " +
                $"{manifest.Tokenizer.Sha256}), " +
                $"not with {vocabulary.Info.Path} (sha256 {vocabulary.Info.Sha256})");

        var wanted = languages?.ToList() ?? [.. manifest.Languages.Keys];
        var result = new List<LanguageCounts>(wanted.Count);
        foreach (var language in wanted)
        {
            if (!manifest.Languages.TryGetValue(language, out var entry))
                throw new DataFileException(manifestPath,
                    $"$.languages has no '{language}' (counted: {string.Join(", ", manifest.Languages.Keys)})");
            var csvPath = Path.Combine(folder, CountsFile(language));
            var counts = CountsCsv.Read(csvPath, vocabulary);
            var sum = Sum(counts);
            if (sum != entry.Tokens)
                throw new DataFileException(csvPath,
                    $"the counts add up to {sum} tokens but {ManifestFile} says $.languages.{language}.tokens = " +
                    $"{entry.Tokens} " +
                    "(the two files do not belong together)");
            var loaded = entry.WithCounts(language, counts);
            if (loaded.PiecesSeen != entry.PiecesSeen)
                throw new DataFileException(csvPath,
                    $"{loaded.PiecesSeen} pieces have a count but {ManifestFile} says " +
                    $"$.languages.{language}.piecesSeen = {entry.PiecesSeen}");
            result.Add(loaded);
        }
        return result;
    }

    private static long Sum(long[] counts)
    {
        // Unchecked: only corrupt counts can wrap, and the wrapped sum then disagrees with the manifest.
        long sum = 0;
        foreach (var c in counts) sum += c;
        return sum;
    }
}
