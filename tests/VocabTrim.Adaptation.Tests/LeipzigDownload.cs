using System.Formats.Tar;
using System.IO.Compression;
using System.Text;

namespace VocabTrim.Adaptation.Tests;

/// <summary>
/// A Leipzig download as the corpus server sends it: <c>NAME.tar.gz</c> with the sentence file among others in a
/// <c>NAME/</c> folder.
/// </summary>
internal static class LeipzigDownload
{
    public static byte[] Archive(string corpusName, string sentenceFile)
    {
        var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
        using (var tar = new TarWriter(gzip, TarEntryFormat.Gnu, leaveOpen: true))
        {
            tar.WriteEntry(new GnuTarEntry(TarEntryType.Directory, corpusName + "/"));
            AddText(tar, $"{corpusName}/{corpusName}-words.txt", "1\tder\t12345\n2\tthe\t12000\n");
            tar.WriteEntry(sentenceFile, $"{corpusName}/{corpusName}-sentences.txt");
            AddText(tar, $"{corpusName}/{corpusName}-sources.txt", "1\thttps://example.org/\t2023-01-01\n");
        }
        return output.ToArray();
    }

    private static void AddText(TarWriter tar, string name, string text) =>
        tar.WriteEntry(
            new GnuTarEntry(
                TarEntryType.RegularFile, name)
            { DataStream = new MemoryStream(Encoding.UTF8.GetBytes(text)) });
}
