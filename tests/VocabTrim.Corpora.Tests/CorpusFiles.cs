using System.Formats.Tar;
using System.IO.Compression;
using System.Text;
using VocabTrim.TestSupport;

namespace VocabTrim.Corpora.Tests;

/// <summary>Builds small corpora and Leipzig-style archives in a temporary folder.</summary>
internal static class CorpusFiles
{
    public const string GermanCorpusName = "deu_news_2020_10K";

    public static string Write(TempDir dir, string name, string text) => Write(dir, name, Encoding.UTF8.GetBytes(text));

    public static string Write(TempDir dir, string name, byte[] bytes)
    {
        var path = dir.File(name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    /// <summary>
    /// An archive laid out like a Leipzig download: a folder with other files around the sentence file,
    /// one of them before it as in real archives.
    /// </summary>
    public static byte[] LeipzigArchive(string sentenceFile, string corpusName, bool gzip)
    {
        var output = new MemoryStream();
        using (Stream archive = gzip ? new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true) : output)
        using (var tar = new TarWriter(archive, TarEntryFormat.Gnu, leaveOpen: true))
        {
            tar.WriteEntry(new GnuTarEntry(TarEntryType.Directory, corpusName + "/"));
            AddText(tar, $"{corpusName}/{corpusName}-co_n.txt", string.Concat(
                Enumerable.Range(0, 20_000).Select(i => $"{i}\t{i * 7 % 1000}\t{i % 13}\n")));
            tar.WriteEntry(sentenceFile, $"{corpusName}/{corpusName}-sentences.txt");
            AddText(tar, $"{corpusName}/{corpusName}-words.txt", "1\tder\t12345\n2\tdie\t12000\n");
        }
        return output.ToArray();
    }

    public static void AddText(TarWriter tar, string name, string text) =>
        tar.WriteEntry(new GnuTarEntry(TarEntryType.RegularFile, name)
        {
            DataStream = new MemoryStream(Encoding.UTF8.GetBytes(text)),
        });


    /// <summary>The sentences of a Leipzig file read the obvious way, to compare the reader against.</summary>
    public static List<string> NaiveSentences(string leipzigFile) =>
        File.ReadAllLines(leipzigFile, Encoding.UTF8).Select(line => line[(line.IndexOf('\t') + 1)..]).ToList();
}
