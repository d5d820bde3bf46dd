using System.Text;
using VocabTrim.TestSupport;

namespace VocabTrim.Corpora.Tests;

public class SentenceBatchTests
{
    [Fact]
    public void Batches_split_the_corpus_and_keep_their_content_after_later_reads()
    {
        using var corpus = LeipzigCorpus.Open(SharedData.GermanSample);
        var expected = CorpusFiles.NaiveSentences(SharedData.GermanSample);

        // Collected first, checked afterwards: a batch that shared its buffer would show later sentences.
        var batches = corpus.ReadBatches(maxSentencesPerBatch: 4096).ToList();

        batches.Select(b => b.Count).Should().Equal(4096, 4096, 1808);
        batches.Select(b => b.FirstLineNumber).Should().Equal(1L, 4097L, 8193L);
        batches.Select(b => b.Buffer).Distinct().Should().HaveCount(3);
        var line = 0;
        foreach (var batch in batches)
        {
            for (var i = 0; i < batch.Count; i++, line++)
            {
                Encoding.UTF8.GetString(batch[i]).Should().Be(expected[line]);
                batch.LineNumberOf(i).Should().Be(line + 1);
            }
        }
        batches.Sum(b => b.ByteCount).Should().Be(expected.Sum(Encoding.UTF8.GetByteCount));
    }

    [Fact]
    public void Range_of_a_sentence_locates_it_in_the_buffer()
    {
        var batch = SentenceBatch.FromSentences(["Grüß Gott", "", "zwei"], firstLineNumber: 41);

        batch.Count.Should().Be(3);
        batch.FirstLineNumber.Should().Be(41);
        batch.RangeOf(0).Should().Be((0, 11));
        batch.RangeOf(2).Should().Be((11, 4));
        Encoding.UTF8.GetString(batch.Buffer, 11, 4).Should().Be("zwei");
        batch.GetString(0).Should().Be("Grüß Gott");
        batch[1].Length.Should().Be(0);
        var outside = () => batch.RangeOf(3);
        outside.Should().Throw<ArgumentOutOfRangeException>();
    }

    [Fact]
    public void Batch_size_below_one_is_refused()
    {
        using var corpus = LeipzigCorpus.Open(SharedData.GermanSample);

        var read = () => corpus.ReadBatches(0);

        read.Should().Throw<ArgumentOutOfRangeException>();
    }
}
