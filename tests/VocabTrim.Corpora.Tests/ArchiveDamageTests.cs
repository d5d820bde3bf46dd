using VocabTrim.TestSupport;

namespace VocabTrim.Corpora.Tests;

public class ArchiveDamageTests
{
    private static readonly string Name = CorpusFiles.GermanCorpusName;
    private static readonly string Entry = $"{Name}/{Name}-sentences.txt";

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Archive_cut_inside_the_sentence_file_fails_at_the_line_where_it_ends(bool gzip)
    {
        using var dir = new TempDir();
        var whole = CorpusFiles.LeipzigArchive(SharedData.GermanSample, Name, gzip);
        var archive = CorpusFiles.Write(dir, gzip ? "deu.tar.gz" : "deu.tar", whole[..(whole.Length * 3 / 5)]);
        using var corpus = LeipzigCorpus.Open(archive);

        var read = () => corpus.ReadBatches(maxSentencesPerBatch: 100).Sum(b => b.Count);

        var error = read.Should().Throw<CorpusFormatException>().Which;
        error.Input.Should().Be($"{archive}!{Entry}");
        error.LineNumber.Should().BeInRange(2, 10_000);
        error.Message.Should().StartWith($"{archive}!{Entry}:{error.LineNumber}: the archive is truncated or " +
                                         "corrupt: the entry should hold 1,141,005 bytes, the archive ends after ");
        // Every sentence before the break was delivered, none after it.
        corpus.Stats.Sentences.Should().Be(error.LineNumber!.Value - 1);
    }

    [Fact]
    public void Archive_cut_before_the_sentence_file_fails_when_opened()
    {
        using var dir = new TempDir();
        var whole = CorpusFiles.LeipzigArchive(SharedData.GermanSample, Name, gzip: false);
        // 5,000 bytes in: inside the co_n entry that precedes the sentences.
        var archive = CorpusFiles.Write(dir, "deu.tar", whole[..5_000]);

        var open = () => LeipzigCorpus.Open(archive);

        open.Should().Throw<CorpusFormatException>()
            .WithMessage($"{archive}: expected a .tar archive holding a *-sentences.txt file, but the archive is " +
                         "truncated or corrupt before it: *");
    }

    [Fact]
    public void File_that_is_not_gzip_fails_when_opened()
    {
        using var dir = new TempDir();
        var archive = CorpusFiles.Write(dir, "deu.tar.gz", "1\tthis is text, not an archive\n");

        var open = () => LeipzigCorpus.Open(archive);

        open.Should().Throw<CorpusFormatException>()
            .Where(e => e.Input == archive && e.LineNumber == null && e.Problem.Contains("truncated or corrupt"));
    }
}
