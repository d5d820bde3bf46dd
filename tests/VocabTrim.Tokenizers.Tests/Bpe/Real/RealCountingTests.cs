using VocabTrim.Counting;
using VocabTrim.TestSupport;

namespace VocabTrim.Tokenizers.Tests.Bpe.Real;

/// <summary>
/// Acceptance: the count tables of each real tokenizer on both samples equal the reference's ids counted, through the
/// counts files.
/// </summary>
[Collection(RealTokenizersCollection.Name)]
public class RealCountingTests(RealTokenizers real)
{
    [Theory]
    [MemberData(nameof(RealTokenizers.Names), MemberType = typeof(RealTokenizers))]
    public void Count_tables_equal_the_reference_per_language(string name)
    {
        var loaded = TokenizerFile.Load(real.PathOf(name));
        var vocabulary = TokenizerVocabulary.Of(loaded.Tokenizer, loaded.Path, loaded.Sha256);
        var options = new CountingOptions(null, false, CorpusCounter.LeipzigFormat);
        var counter = new CorpusCounter(loaded.Tokenizer, threads: 2);
        var counted = new[] { ("en", SharedData.EnglishSample), ("de", SharedData.GermanSample) }
            .Select(l => counter.Count(l.Item1, l.Item2, options)).ToList();
        var folder = real.File($"counts-{name}");
        CountsDirectory.Write(folder, vocabulary, counted);
        var read = CountsDirectory.Read(folder, vocabulary).ToDictionary(c => c.Language);

        var reference = real.ReferenceIds(name);
        foreach (var (language, sentences) in new[] { ("en", reference.Take(10_000)), ("de", reference.Skip(10_000)) })
        {
            var expected = new long[loaded.Tokenizer.PieceCount];
            foreach (var ids in sentences) foreach (var id in ids) expected[id]++;
            read[language].Sentences.Should().Be(10_000);
            read[language].Counts.Should().Equal(
                expected, $"{language} counts, as written to and read from {language}.counts.csv");
            read[language].UnknownTokens.Should().Be(0);
            var bytes = Enumerable.Range(0, expected.Length).Where(id => loaded.Tokenizer.KindOf(id) == PieceKind.Byte)
                .Sum(id => expected[id]);
            read[language].ByteFallbackTokens.Should().Be(bytes);
        }
    }
}
