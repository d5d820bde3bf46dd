using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using VocabTrim.Counting;
using VocabTrim.TestSupport;
using VocabTrim.Tokenizers;

namespace VocabTrim.Pipeline.Tests.Counting;

/// <summary>
/// Counting a corpus is one pass over its file that also hashes it: a Leipzig archive is opened and decompressed
/// once, and the recorded sha256 is the whole archive's even when a sentence limit stops the count early.
/// </summary>
public sealed class CorpusPassTests : IDisposable
{
    private const string Name = "deu_news_2020_10K";
    private readonly TempDir _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void A_leipzig_archive_is_opened_once_and_hashed_whole_while_counting_a_prefix()
    {
        var archive = _temp.File($"{Name}.tar.gz");
        using (var gzip = new GZipStream(File.Create(archive), CompressionLevel.Fastest))
        using (var tar = new TarWriter(gzip, TarEntryFormat.Gnu))
        {
            // A file before the sentences, as in real archives, and one after them that a prefix never reaches.
            tar.WriteEntry(SharedData.EnglishSample, $"{Name}/{Name}-co_n.txt");
            tar.WriteEntry(SharedData.GermanSample, $"{Name}/{Name}-sentences.txt");
            tar.WriteEntry(SharedData.EnglishSample, $"{Name}/{Name}-words.txt");
        }
        var counter = new CorpusCounter(TokenizerFile.Load(SharedData.Mt5TinySpiece).Tokenizer, threads: 2);
        var options = new CountingOptions(500, false, CorpusCounter.LeipzigFormat);

        LanguageCounts counts;
        using (var opens = new FileOpenCounter(archive))
        {
            counts = counter.Count("de", archive, options);
            opens.Opens(archive).Should().Be(1);
        }

        counts.Corpus.Should().Be(
            new CorpusInfo(archive, $"{archive}!{Name}/{Name}-sentences.txt", new FileInfo(archive).Length,
            Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(archive)))));
        counts.Sentences.Should().Be(500);
        counts.Counts.Should().Equal(
            counter.Count("de", SharedData.GermanSample, options).Counts, "the archive's sentences are the file's");
        CorpusCounter.Identify(archive, options).Sha256.Should().Be(
            counts.Corpus.Sha256, "identifying a corpus hashes the same bytes");
    }
}
