using VocabTrim.Corpora;

namespace VocabTrim.Counting;

/// <summary>
/// The one way earlier counts stand in for counting again, for the counts folder of <c>vocabtrim count</c> and for
/// the <see cref="CountsCache"/> of <c>adapt</c> alike: the folder's <c>counts.json</c> must agree
/// (<see cref="CountsManifest.CheckReuse(string, TokenizerInfo, string, long, Func{string}, CountingOptions)"/>),
/// and the corpus is hashed only when nothing else already tells it apart.
/// </summary>
public static class CountsReuse
{
    /// <summary>
    /// The reusable counts of <paramref name="language"/> in <paramref name="folder"/>, or null;
    /// <paramref name="check"/> says why.
    /// </summary>
    /// <exception cref="DataFileException">The folder's counts files are damaged.</exception>
    public static LanguageCounts? TryReuse(string folder, TokenizerVocabulary vocabulary, string language,
        string corpusPath, CountingOptions options,
        out ReuseCheck check, CancellationToken cancel = default)
    {
        var manifest = CountsDirectory.ReadManifest(folder);
        var file = LeipzigCorpus.FileOf(corpusPath, CorpusCounter.FormatOf(options));
        check = manifest.CheckReuse(language, vocabulary.Info, file, new FileInfo(file).Length,
            () => CorpusCounter.Identify(corpusPath, options, cancel).Sha256, options);
        return check.CanReuse ? CountsDirectory.Read(folder, vocabulary, [language])[0] : null;
    }
}
