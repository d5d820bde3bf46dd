using VocabTrim.Corpora.Fetching;
using VocabTrim.Counting;
using VocabTrim.Reporting.Tests.Support;

namespace VocabTrim.Reporting.Tests;

[Collection(RealAdaptationCollection.Name)]
public class CorpusFactTests(RealAdaptation run)
{
    private static LanguageCounts At(LanguageCounts counts, string path) =>
        counts with { Corpus = counts.Corpus with { Path = path } };

    [Theory]
    [InlineData("/c/eng_news_2020_10K-sentences.txt", "eng_news_2020_10K")]
    [InlineData("/cache/deu_news_2023_1M.tar.gz", "deu_news_2023_1M")]
    [InlineData("/c/deu_news_2023_1M/", "deu_news_2023_1M")]
    [InlineData("/data/my-german.txt", "my-german.txt")]
    [InlineData("/data/notes.tar.gz", "notes.tar.gz")]
    public void Names_a_Leipzig_corpus_by_its_corpus_name_and_anything_else_by_its_file(string path, string name)
    {
        CorpusFact.NameOf(path).Should().Be(name);
    }

    [Fact]
    public void A_manifest_corpus_links_to_its_download_and_another_Leipzig_corpus_to_the_download_page()
    {
        var manifest = CorpusManifest.BuiltIn();
        var counts = run.Counts[0];

        var sample = CorpusFact.Of(counts, manifest);
        sample.Should().Be(new CorpusFact(
            "en", "eng_news_2020_10K", CorpusFact.LeipzigDownloadPage, counts.Sentences, counts.Corpus.Sha256, true));

        var full = CorpusFact.Of(At(counts, "/cache/eng_news_2023_1M.tar.gz"), manifest);
        full.Link.Should().Be(manifest.Get("eng_news_2023_1M").Url);
        full.IsLeipzig.Should().BeTrue();

        var plain = CorpusFact.Of(At(counts, "/data/my-english.txt"), manifest);
        plain.Link.Should().BeNull();
        plain.IsLeipzig.Should().BeFalse();
    }
}
