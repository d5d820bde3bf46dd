using System.Text;
using VocabTrim.TestSupport;

namespace VocabTrim.Corpora.Tests;

public class ReadOptionsTests
{
    [Fact]
    public void MaxSentences_stops_after_that_many()
    {
        using var corpus = LeipzigCorpus.Open(SharedData.EnglishSample, new CorpusReadOptions { MaxSentences = 25 });

        var batches = corpus.ReadBatches(maxSentencesPerBatch: 10).ToList();

        batches.Select(b => b.Count).Should().Equal(10, 10, 5);
        batches.SelectMany(b => Enumerable.Range(0, b.Count).Select(b.GetString))
            .Should().Equal(CorpusFiles.NaiveSentences(SharedData.EnglishSample).Take(25));
        corpus.Stats.Sentences.Should().Be(25);
        corpus.Stats.Lines.Should().Be(25);
    }

    [Fact]
    public void MaxSentences_below_one_is_refused()
    {
        var open = () => LeipzigCorpus.Open(SharedData.EnglishSample, new CorpusReadOptions { MaxSentences = 0 });

        open.Should().Throw<ArgumentOutOfRangeException>();
    }

    [Fact]
    public void Crlf_line_endings_are_not_part_of_sentences()
    {
        using var dir = new TempDir();
        var file = CorpusFiles.Write(
            dir, "x-sentences.txt", "1\tErste Zeile.\r\n2\tZweite\tmit Tab.\r\n3\tDritte.\r\n");
        using var corpus = LeipzigCorpus.Open(file);

        corpus.ReadSentences().Should().Equal("Erste Zeile.", "Zweite\tmit Tab.", "Dritte.");
    }

    [Fact]
    public void Plain_text_keeps_whole_lines_and_skips_empty_ones()
    {
        using var dir = new TempDir();
        var file = CorpusFiles.Write(
            dir, "notes.txt", "\uFEFFFirst line.\n\n2\tkeeps its id\r\n\r\nLast line without LF");
        using var corpus = LeipzigCorpus.Open(file, new CorpusReadOptions { Format = CorpusFormat.PlainText });

        corpus.ReadSentences().Should().Equal("First line.", "2\tkeeps its id", "Last line without LF");
        corpus.Stats.Should().Be(
            new CorpusReadStats(Lines: 5, Sentences: 3, MalformedLinesSkipped: 0, Bytes: new FileInfo(file).Length));
        corpus.Language.Should().BeNull();
    }

    [Fact]
    public void Plain_text_is_read_from_a_file_not_a_folder()
    {
        using var dir = new TempDir();

        var open = () => LeipzigCorpus.Open(dir.Path, new CorpusReadOptions { Format = CorpusFormat.PlainText });

        open.Should().Throw<CorpusFormatException>().WithMessage(
            $"{dir.Path}: expected a plain text file, found a folder");
    }

    [Fact]
    public void Byte_order_mark_is_not_part_of_the_first_line()
    {
        using var dir = new TempDir();
        var file = CorpusFiles.Write(dir, "x-sentences.txt", "\uFEFF1\tHallo.\n2\tWelt.\n");
        using var corpus = LeipzigCorpus.Open(file);

        corpus.ReadSentences().Should().Equal("Hallo.", "Welt.");
    }

    [Fact]
    public void Line_longer_than_the_read_buffer_arrives_whole()
    {
        using var dir = new TempDir();
        var longSentence = string.Concat(Enumerable.Repeat("Ein sehr langer Satz über Köln, ", 40_000));
        var file = CorpusFiles.Write(dir, "x-sentences.txt", $"1\tkurz\n2\t{longSentence}\n3\tauch kurz\n");
        using var corpus = LeipzigCorpus.Open(file);

        var sentences = corpus.ReadSentences().ToList();

        Encoding.UTF8.GetByteCount(longSentence).Should().BeGreaterThan(1_000_000);
        sentences.Should().Equal("kurz", longSentence, "auch kurz");
    }
}
