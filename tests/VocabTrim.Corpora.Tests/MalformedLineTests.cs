using System.Text;
using VocabTrim.TestSupport;

namespace VocabTrim.Corpora.Tests;

public class MalformedLineTests
{
    [Fact]
    public void Line_without_tab_is_reported_with_file_and_line()
    {
        using var dir = new TempDir();
        var file = CorpusFiles.Write(dir, "deu-sentences.txt", "1\tEins.\n2\tZwei.\nDrei ohne Id.\n4\tVier.\n");
        using var corpus = LeipzigCorpus.Open(file);

        var read = () => corpus.ReadSentences().ToList();

        var error = read.Should().Throw<CorpusFormatException>().Which;
        error.Message.Should().Be($"{file}:3: expected 'id<TAB>sentence', found no TAB");
        error.LineNumber.Should().Be(3);
        error.Input.Should().Be(file);
    }

    [Theory]
    [InlineData(new byte[] { 0xFF }, "0xFF at byte 7")]
    [InlineData(new byte[] { 0xC0, 0xAF }, "0xC0 at byte 7")] // overlong encoding of '/'
    [InlineData(new byte[] { 0xED, 0xA0, 0x80 }, "0xED at byte 7")] // UTF-16 surrogate encoded as UTF-8
    [InlineData(new byte[] { 0xE2, 0x82 }, "0xE2 at byte 7")] // sequence cut off at the line end
    public void Invalid_utf8_is_reported_with_line_and_byte(byte[] invalid, string where)
    {
        using var dir = new TempDir();
        var bytes = Encoding.UTF8.GetBytes("1\tGut.\n2\tbad ").Concat(invalid).Concat("\n3\tGut.\n"u8.ToArray())
            .ToArray();

        var file = CorpusFiles.Write(dir, "x-sentences.txt", bytes);
        using var corpus = LeipzigCorpus.Open(file);

        var read = () => corpus.ReadSentences().ToList();

        read.Should().Throw<CorpusFormatException>()
            .Which.Message.Should().Be(
                $"{file}:2: expected UTF-8 text, found an invalid byte sequence {where} of the line");
    }

    [Theory]
    [InlineData("1\ta\n\n3\tc\n", 2, "expected 'id<TAB>sentence', found an empty line")]
    [InlineData("1\ta\n2\tb\n3\t\n", 3, "expected 'id<TAB>sentence', found an empty sentence after the TAB")]
    public void Empty_lines_and_sentences_are_malformed_in_leipzig_files(string text, int line, string problem)
    {
        using var dir = new TempDir();
        var file = CorpusFiles.Write(dir, "x-sentences.txt", text);
        using var corpus = LeipzigCorpus.Open(file);

        var read = () => corpus.ReadSentences().ToList();

        read.Should().Throw<CorpusFormatException>().Which.Message.Should().Be($"{file}:{line}: {problem}");
    }

    [Fact]
    public void Malformed_line_inside_an_archive_names_the_entry()
    {
        using var dir = new TempDir();
        var sentences = CorpusFiles.Write(dir, "src.txt", "1\tok\n2\tok\nbroken\n");
        var archive = CorpusFiles.Write(dir, "c.tar.gz", CorpusFiles.LeipzigArchive(sentences, "c", gzip: true));
        using var corpus = LeipzigCorpus.Open(archive);

        var read = () => corpus.ReadSentences().ToList();

        read.Should().Throw<CorpusFormatException>()
            .Which.Message.Should().Be($"{archive}!c/c-sentences.txt:3: expected 'id<TAB>sentence', found no TAB");
    }

    [Fact]
    public void SkipMalformed_skips_and_counts_bad_lines()
    {
        using var dir = new TempDir();
        var bytes = Encoding.UTF8.GetBytes("1\tone\nno tab\n3\tthree\n4\tbad \u00e9")
            .Concat(new byte[] { 0xFF, (byte)'\n', (byte)'\n' })
            .Concat(Encoding.UTF8.GetBytes("6\tsix\n7\t\n"))
            .ToArray();
        var file = CorpusFiles.Write(dir, "x-sentences.txt", bytes);
        using var corpus = LeipzigCorpus.Open(file, new CorpusReadOptions { SkipMalformed = true });

        var batches = corpus.ReadBatches().ToList();

        batches.Should().ContainSingle();
        var batch = batches[0];
        Enumerable.Range(0, batch.Count).Select(batch.GetString).Should().Equal("one", "three", "six");
        Enumerable.Range(0, batch.Count).Select(batch.LineNumberOf).Should().Equal(1L, 3L, 6L);
        corpus.Stats.Should().Be(
            new CorpusReadStats(Lines: 7, Sentences: 3, MalformedLinesSkipped: 4, Bytes: bytes.Length));
    }
}
