using System.Security.Cryptography;
using System.Text;
using VocabTrim.Corpora;
using VocabTrim.Common;
using VocabTrim.Corpora.Fetching;

namespace VocabTrim.Counting;

/// <summary>
/// Counts kept between runs, so that adapting the same model to the same corpora again (with other quotas, into
/// another folder) does not count again. One counts folder per tokenizer, language, corpus file and options:
/// <c>&lt;root&gt;/&lt;tokenizer sha256&gt;/&lt;lang&gt;-&lt;key&gt;/</c>, in the format of
/// <see cref="CountsDirectory"/>. An entry is used only when <see cref="CountsManifest.CheckReuse"/> agrees, so a
/// changed corpus is counted again.
/// </summary>
public sealed class CountsCache(string directory)
{
    public string Directory { get; } = Path.GetFullPath(directory);

    /// <summary><c>counts</c> under vocabtrim's cache root (<see cref="VocabTrimCache"/>).</summary>
    public static CountsCache Default() => new(Path.Combine(VocabTrimCache.Root(), "counts"));

    /// <param name="corpusFile">The file counting reads (<see cref="LeipzigCorpus.FileOf"/>).</param>
    public string FolderFor(TokenizerInfo tokenizer, string language, string corpusFile, CountingOptions options)
    {
        var key = Encoding.UTF8.GetBytes(
            $"{Path.GetFullPath(corpusFile)}\n{options.MaxSentences}\n{options.SkipMalformed}\n{options.Format}");
        return Path.Combine(Directory, tokenizer.Sha256,
            $"{language}-{Convert.ToHexStringLower(SHA256.HashData(key))[..16]}");
    }

    /// <summary>
    /// The cached counts, or null when there are none for exactly this tokenizer, corpus and options.
    /// </summary>
    public LanguageCounts? TryGet(TokenizerVocabulary vocabulary, string language, string corpusPath,
        CountingOptions options,
        CancellationToken cancel = default)
    {
        var folder = FolderFor(vocabulary.Info, language,
            LeipzigCorpus.FileOf(corpusPath, CorpusCounter.FormatOf(options)), options);
        if (!File.Exists(Path.Combine(folder, CountsDirectory.ManifestFile))) return null;
        try
        {
            return CountsReuse.TryReuse(folder, vocabulary, language, corpusPath, options, out _, cancel);
        }
        catch (DataFileException)
        {
            // A damaged entry (e.g. a file edited by hand) is counted again and overwritten.
            return null;
        }
    }

    /// <summary>
    /// Stores <paramref name="counts"/>, unless another run is storing the same entry right now (it holds the entry's
    /// lock): its counts are the same, so this run leaves it to that one.
    /// </summary>
    public void Put(TokenizerVocabulary vocabulary, LanguageCounts counts)
    {
        var folder = FolderFor(vocabulary.Info, counts.Language, counts.Corpus.Path, counts.Options);
        LockFile held;
        try { held = OutputLock.Take(folder); }
        catch (OutputBusyException) { return; }
        using (held) CountsDirectory.Write(folder, vocabulary, [counts]);
    }
}
