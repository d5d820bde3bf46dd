using VocabTrim.Synthetic;
using VocabTrim.TestSupport;

namespace VocabTrim.Demo.Tests;

/// <summary>
/// The benchmarks' large corpora (<see cref="HeapsCorpus"/>): their word types must grow as Heaps' law says real
/// text does, where the sample repeated would stop at the sample's own types.
/// </summary>
public class HeapsCorpusTests
{
    [Theory]
    [InlineData("en", "eng_news_2020_10K-sentences.txt")]
    [InlineData("de", "deu_news_2020_10K-sentences.txt")]
    public void Types_grow_as_Heaps_law_says_at_five_times_the_sample(string language, string sampleName)
    {
        var sample = SharedData.PathOf("corpora", "leipzig", sampleName);
        var sampleTokens = Tokens(File.ReadLines(sample));
        var sampleTypes = sampleTokens.Distinct(StringComparer.Ordinal).LongCount();
        using var dir = new TempDir();
        var output = dir.File("big-sentences.txt");

        var (sentences, types) = HeapsCorpus.Write(sample, output, 50_000, language);

        var lines = File.ReadLines(output).ToList();
        lines.Should().HaveCount(50_000);
        sentences.Should().Be(50_000);
        lines[41].Should().StartWith("42\t", "Leipzig lines: id, tab, sentence");
        var tokens = Tokens(lines);
        tokens.Should().HaveCount(sampleTokens.Count * 5, "words are replaced, never added or dropped");
        var distinct = tokens.Distinct(StringComparer.Ordinal).LongCount();
        distinct.Should().Be(types);
        var expected = sampleTypes * Math.Pow(5, HeapsCorpus.BetaFor(language));
        ((double)distinct).Should().BeApproximately(expected, expected * 0.01);
    }

    [Fact]
    public void The_same_seed_writes_the_same_corpus()
    {
        using var dir = new TempDir();
        HeapsCorpus.Write(SharedData.GermanSample, dir.File("a.txt"), 12_000, "de");
        HeapsCorpus.Write(SharedData.GermanSample, dir.File("b.txt"), 12_000, "de");
        File.ReadAllBytes(dir.File("a.txt")).Should().Equal(File.ReadAllBytes(dir.File("b.txt")));
    }

    private static List<string> Tokens(IEnumerable<string> leipzigLines) =>
        [.. leipzigLines.SelectMany(l => l[(l.IndexOf('\t') + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries))];
}
