using VocabTrim.TestSupport;

namespace VocabTrim.Corpora.Tests;

public class SampleCorpusTests
{
    [Fact]
    public void English_sample_has_its_10000_sentences_first_to_last()
    {
        using var corpus = LeipzigCorpus.Open(SharedData.EnglishSample);

        var sentences = corpus.ReadSentences().ToList();

        sentences.Should().HaveCount(10_000);
        sentences[0].Should().Be("“18 months ago, we expelled a boy at Nations for selling drugs in six schools.");
        sentences[2].Should().Be("⏰8.00pm ⚽️Liverpool v Arsenal Watch the match live at The Arch on six screens with " +
                                 "surround sound commentary!");
        sentences[^1].Should().Be("Zydus Cadila said ZYIL1 will bridge a critical unmet healthcare need in several " +
            "inflammatory diseases including the current pandemic of COVID-19 and address complications caused by " +
            "chronic and uncontrolled inflammation.");
    }

    [Fact]
    public void German_sample_has_its_10000_sentences_first_to_last()
    {
        using var corpus = LeipzigCorpus.Open(SharedData.GermanSample);

        var sentences = corpus.ReadSentences().ToList();

        sentences.Should().HaveCount(10_000);
        sentences[0].Should().Be("11Freunde-Chefredakteur Phillip Köster hat Recht, wenn er schreibt, dass " +
            "Beleidigungen und Schmähungen seit Jahrzehnten Alltag im Fußball sind.");
        sentences[^1].Should().Be("Zwölf Stunden Schlaf, Tank leer: Ein Lkw-Fahrer hat in Darscheid im Kreis " +
            "Vulkaneifel 200 bis 300 Liter Diesel verloren, ohne seinen Lastwagen auch nur einen Meter in Bewegung " +
            "zu setzen.");

    }

    [Fact]
    public void Every_sentence_equals_the_text_after_the_first_tab()
    {
        using var corpus = LeipzigCorpus.Open(SharedData.EnglishSample);

        corpus.ReadSentences().Should().Equal(CorpusFiles.NaiveSentences(SharedData.EnglishSample));
    }

    [Fact]
    public void Stats_after_a_full_pass_count_every_line_and_byte()
    {
        using var corpus = LeipzigCorpus.Open(SharedData.GermanSample);

        var delivered = corpus.ReadBatches().Sum(b => b.Count);

        delivered.Should().Be(10_000);
        corpus.Stats.Should().Be(new CorpusReadStats(Lines: 10_000, Sentences: 10_000, MalformedLinesSkipped: 0,
            Bytes: new FileInfo(SharedData.GermanSample).Length));
    }

    [Fact]
    public void Describes_the_file_and_its_language()
    {
        using var corpus = LeipzigCorpus.Open(SharedData.EnglishSample);

        corpus.Path.Should().Be(SharedData.EnglishSample);
        corpus.Description.Should().Be(SharedData.EnglishSample);
        corpus.SizeBytes.Should().Be(1_232_700);
        corpus.Language.Should().Be(LanguageCode.Parse("en"));
    }
}
