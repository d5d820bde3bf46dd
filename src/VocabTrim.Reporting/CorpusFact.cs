using VocabTrim.Corpora;
using VocabTrim.Corpora.Fetching;
using VocabTrim.Counting;

namespace VocabTrim.Reporting;

/// <summary>The corpus one language was counted on, as the card cites it.</summary>
/// <param name="Name">The Leipzig corpus name (<c>eng_news_2023_1M</c>) or the file name.</param>
/// <param name="Link">
/// Where to get it: the manifest's download address, or the Leipzig download page for another Leipzig corpus; null
/// otherwise.
/// </param>
/// <param name="IsLeipzig">Whether it is a Leipzig Corpora Collection corpus (which the card must attribute).</param>
public sealed record CorpusFact(string Language, string Name, Uri? Link, long Sentences, string Sha256, bool IsLeipzig)
{
    /// <summary>The Leipzig Corpora Collection's download page, cited for corpora the manifest does not list.</summary>
    public static readonly Uri LeipzigDownloadPage = new("https://wortschatz.uni-leipzig.de/en/download");

    private static readonly string[] Suffixes = ["-sentences.txt", ".tar.gz", ".tgz", ".txt"];

    /// <summary>
    /// Describes the corpus <paramref name="counts"/> were made from; <paramref name="manifest"/> supplies download
    /// links.
    /// </summary>
    public static CorpusFact Of(LanguageCounts counts, CorpusManifest? manifest = null)
    {
        var name = NameOf(counts.Corpus.Path);
        var entry = manifest?.Find(name);
        var isLeipzig = entry != null || LooksLeipzig(name);
        var link = entry?.Url ?? (isLeipzig ? LeipzigDownloadPage : null);
        return new CorpusFact(counts.Language, name, link, counts.Sentences, counts.Corpus.Sha256, isLeipzig);
    }

    /// <summary>
    /// The corpus name in a path as count records it: <c>…/eng_news_2020_10K-sentences.txt</c> and
    /// <c>…/eng_news_2023_1M.tar.gz</c> both name their Leipzig corpus; any other file keeps its file name.
    /// </summary>
    public static string NameOf(string path)
    {
        var file = Path.GetFileName(Path.TrimEndingDirectorySeparator(path));
        foreach (var suffix in Suffixes)
            if (file.EndsWith(suffix, StringComparison.OrdinalIgnoreCase) && file.Length > suffix.Length)
            {
                var stem = file[..^suffix.Length];
                return LooksLeipzig(stem) ? stem : file;
            }
        return file;
    }

    // Leipzig names are language_genre_year_size (eng_news_2023_1M, deu-ch_web_2002_10K).
    private static bool LooksLeipzig(string name) =>
        name.Split('_') is { Length: >= 4 } parts && LanguageCode.TryFromLeipzigName(name, out _)
        && parts[^1].Length >= 2 && char.IsDigit(parts[^1][0]) && parts[^1][^1] is 'K' or 'M';
}
