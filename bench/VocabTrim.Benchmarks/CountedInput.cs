using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Running;
using VocabTrim.Corpora;
using VocabTrim.Counting;
using VocabTrim.Tokenizers;

namespace VocabTrim.Benchmarks;

/// <summary>
/// What the counting benchmarks share: one count of a Leipzig corpus file, and the Mtok/s column built on the
/// input's token count. Setup runs in the benchmark's own process, so it leaves that count in a temporary file
/// named by the case's parameters, which the column reads in the host process.
/// </summary>
internal static class CountedInput
{
    /// <summary>Tokens of <paramref name="leipzigFile"/> through <see cref="TokenCounter"/> on all cores.</summary>
    public static long Count(ITokenizer tokenizer, string leipzigFile)
    {
        using var corpus = LeipzigCorpus.Open(leipzigFile);
        return new TokenCounter(tokenizer).Count(corpus.ReadBatches()).Counts.Sum();
    }

    /// <summary>Leaves <paramref name="tokens"/> for the column of the case named <paramref name="name"/>.</summary>
    public static void Record(string name, long tokens) => File.WriteAllText(FileOf(name), tokens.ToString());

    /// <summary>The Mtok/s column: the input's tokens (as <see cref="Record"/> left them) over the mean time.</summary>
    public static IColumn RateColumn(string id, Func<BenchmarkCase, string> name) => new RateColumn(id, "Mtok/s",
        "Millions of tokens encoded per second (tokens of the input / mean time)", c =>
        {
            var file = FileOf(name(c));
            return File.Exists(file) ? double.Parse(File.ReadAllText(file)) : null;
        }, scale: 1e-6);

    private static string FileOf(string name) => Path.Combine(Path.GetTempPath(), $"vocabtrim-bench-{name}");
}
