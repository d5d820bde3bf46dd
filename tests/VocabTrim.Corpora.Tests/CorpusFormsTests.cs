using VocabTrim.TestSupport;

namespace VocabTrim.Corpora.Tests;

/// <summary>The same corpus given as a file, a folder, or an archive reads the same.</summary>
public class CorpusFormsTests
{
    private static readonly string Name = CorpusFiles.GermanCorpusName;
    private static readonly List<string> Expected = CorpusFiles.NaiveSentences(SharedData.GermanSample);

    [Fact]
    public void Extracted_corpus_folder_reads_its_sentence_file()
    {
        using var dir = new TempDir();
        var folder = Path.Combine(dir.Path, Name);
        CorpusFiles.Write(dir, $"{Name}/{Name}-sentences.txt", File.ReadAllBytes(SharedData.GermanSample));
        CorpusFiles.Write(dir, $"{Name}/{Name}-words.txt", "1\tder\t100\n");

        using var corpus = LeipzigCorpus.Open(folder);

        corpus.ReadSentences().Should().Equal(Expected);
        corpus.Path.Should().Be(folder);
        corpus.Description.Should().Be(Path.Combine(folder, $"{Name}-sentences.txt"));
        corpus.SizeBytes.Should().Be(new FileInfo(SharedData.GermanSample).Length);
        corpus.Language!.Iso639_3.Should().Be("deu");
    }

    [Fact]
    public void Folder_the_archive_was_extracted_into_is_searched_one_level_down()
    {
        using var dir = new TempDir();
        CorpusFiles.Write(dir, $"{Name}/{Name}-sentences.txt", File.ReadAllBytes(SharedData.GermanSample));

        using var corpus = LeipzigCorpus.Open(dir.Path);

        corpus.ReadSentences().Should().HaveCount(10_000);
        corpus.Description.Should().Be(Path.Combine(dir.Path, Name, $"{Name}-sentences.txt"));
    }

    [Theory]
    [InlineData("deu_news_2020_10K.tar.gz", true)]
    [InlineData("deu_news_2020_10K.tgz", true)]
    [InlineData("deu_news_2020_10K.tar", false)]
    public void Archive_is_streamed_to_the_same_sentences(string archiveName, bool gzip)
    {
        using var dir = new TempDir();
        var archive = CorpusFiles.Write(
            dir, archiveName, CorpusFiles.LeipzigArchive(SharedData.GermanSample, Name, gzip));

        using var corpus = LeipzigCorpus.Open(archive);

        corpus.ReadSentences().Should().Equal(Expected);
        corpus.Description.Should().Be($"{archive}!{Name}/{Name}-sentences.txt");
        corpus.SizeBytes.Should().Be(new FileInfo(archive).Length);
        corpus.Language!.Iso639_1.Should().Be("de");
        corpus.Stats.Bytes.Should().Be(new FileInfo(SharedData.GermanSample).Length);
        // Nothing may be extracted next to the archive.
        Directory.GetFileSystemEntries(dir.Path).Should().ContainSingle();
    }

    [Fact]
    public void Archive_can_be_read_again_after_the_first_pass()
    {
        using var dir = new TempDir();
        var archive = CorpusFiles.Write(
            dir, "deu.tar.gz", CorpusFiles.LeipzigArchive(SharedData.GermanSample, Name, gzip: true));
        using var corpus = LeipzigCorpus.Open(archive, new CorpusReadOptions { MaxSentences = 3 });

        var first = corpus.ReadSentences().ToList();
        var second = corpus.ReadSentences().ToList();

        first.Should().Equal(Expected.Take(3));
        second.Should().Equal(first);
    }

    [Fact]
    public void Archive_without_a_sentence_file_names_what_it_holds()
    {
        using var dir = new TempDir();
        var archive = dir.File("words-only.tar");
        using (var tar = new System.Formats.Tar.TarWriter(File.Create(archive)))
            CorpusFiles.AddText(tar, "x/x-words.txt", "1\tder\t5\n");

        var open = () => LeipzigCorpus.Open(archive);

        open.Should().Throw<CorpusFormatException>()
            .WithMessage(
                $"{archive}: expected a Leipzig corpus archive with a *-sentences.txt file, found only x/x-words.txt");
    }

    [Fact]
    public void Folder_without_a_sentence_file_is_an_error()
    {
        using var dir = new TempDir();
        CorpusFiles.Write(dir, "notes.txt", "hello\n");

        var open = () => LeipzigCorpus.Open(dir.Path);

        open.Should().Throw<CorpusFormatException>()
            .Which.Message.Should().Be(
                $"{dir.Path}: expected an extracted corpus folder holding one *-sentences.txt file, found none");
    }

    [Fact]
    public void Folder_with_two_sentence_files_names_both()
    {
        using var dir = new TempDir();
        CorpusFiles.Write(dir, "deu_news_2020_10K-sentences.txt", "1\ta\n");
        CorpusFiles.Write(dir, "deu_news_2021_10K-sentences.txt", "1\tb\n");

        var open = () => LeipzigCorpus.Open(dir.Path);

        open.Should().Throw<CorpusFormatException>()
            .WithMessage(
                "*found 2: deu_news_2020_10K-sentences.txt, deu_news_2021_10K-sentences.txt; give the file itself");
    }

    [Fact]
    public void Missing_path_is_named_in_the_error()
    {
        using var dir = new TempDir();
        var missing = dir.File("eng_news_2023_1M.tar.gz");

        var open = () => LeipzigCorpus.Open(missing);

        open.Should().Throw<FileNotFoundException>()
            .Where(e => e.FileName == missing && e.Message.StartsWith($"Corpus not found: '{missing}' does not exist"));
    }

    [Fact]
    public void Compressed_file_of_another_kind_is_refused_rather_than_read_as_text()
    {
        using var dir = new TempDir();
        var gz = CorpusFiles.Write(dir, "deu-sentences.txt.gz", [0x1F, 0x8B, 0x08, 0x00]);

        var open = () => LeipzigCorpus.Open(gz);

        open.Should().Throw<CorpusFormatException>().WithMessage(
            $"{gz}: *found a compressed file of a kind that cannot be read");
    }
}
