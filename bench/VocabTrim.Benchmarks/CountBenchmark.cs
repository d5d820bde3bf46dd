using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using VocabTrim.Corpora;
using VocabTrim.Counting;
using VocabTrim.Tokenizers.SentencePiece;

namespace VocabTrim.Benchmarks;

/// <summary>
/// Counting speed against the reference: the same sentences through <c>spm_encode</c> (one thread,
/// ids written to /dev/null) and through <see cref="TokenCounter"/> on all cores. Every operation
/// starts with fresh encoders, so the word cache starts cold. <c>Repeat</c> 1 is the two shared
/// samples once (20,000 sentences, the cache's worst case: a small corpus repeats fewest words);
/// 10 concatenates them ten times.
/// </summary>
[Config(typeof(TokensPerSecondConfig))]
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class CountBenchmark
{
    [Params("mt5-derived-32k", "unigram-ende-16k")]
    public string Model { get; set; } = "";

    [Params(1, 10)]
    public int Repeat { get; set; }

    private string _dir = "";
    private string _leipzigFile = "";
    private string _plainFile = "";
    private string _modelPath = "";
    private SentencePieceTokenizer _tokenizer = null!;

    /// <summary>Tokens in the input, shared with the column that turns time into tokens/s.</summary>
    internal static readonly Dictionary<string, long> TokensByCase = [];

    [GlobalSetup]
    public void Setup()
    {
        _modelPath = BenchmarkData.File("models", Model, "spiece.model");
        _dir = Directory.CreateTempSubdirectory("vocabtrim-bench-").FullName;
        var lines = new[] { "eng_news_2020_10K-sentences.txt", "deu_news_2020_10K-sentences.txt" }
            .SelectMany(f => System.IO.File.ReadLines(BenchmarkData.File("corpora", "leipzig", f))).ToList();
        _leipzigFile = Path.Combine(_dir, "mixed-sentences.txt");
        _plainFile = Path.Combine(_dir, "mixed-plain.txt");
        System.IO.File.WriteAllLines(_leipzigFile, Enumerable.Repeat(lines, Repeat).SelectMany(x => x));
        System.IO.File.WriteAllLines(_plainFile, Enumerable.Repeat(lines, Repeat).SelectMany(x => x).Select(l => l[(l.IndexOf('\t') + 1)..]));
        _tokenizer = SentencePieceTokenizer.Load(_modelPath);
        var tokens = CountTokens();
        TokensByCase[$"{Model}/{Repeat}"] = tokens;
        System.IO.File.WriteAllText(Path.Combine(Path.GetTempPath(), $"vocabtrim-bench-tokens-{Model}-{Repeat}"), tokens.ToString());
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_dir, recursive: true);

    [Benchmark(Baseline = true, Description = "spm_encode (reference, 1 thread)")]
    public void SpmEncode()
    {
        var psi = new ProcessStartInfo("spm_encode") { UseShellExecute = false, RedirectStandardError = true };
        foreach (var a in new[] { $"--model={_modelPath}", "--output_format=id", $"--input={_plainFile}", "--output=/dev/null" })
            psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        p.StandardError.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0) throw new InvalidOperationException("spm_encode failed");
    }

    [Benchmark(Description = "vocabtrim count (all cores)")]
    public long VocabTrimCount() => CountTokens();

    private long CountTokens()
    {
        using var corpus = LeipzigCorpus.Open(_leipzigFile);
        return new TokenCounter(_tokenizer).Count(corpus.ReadBatches()).Tokens;
    }

    private sealed class TokensPerSecondConfig : ManualConfig
    {
        public TokensPerSecondConfig() => AddColumn(new RateColumn("MtokPerSecond", "Mtok/s",
            "Millions of tokens encoded per second (tokens of the input / mean time)", c =>
        {
            // Setup ran in the benchmark's own process; it left the input's token count in a file.
            var file = Path.Combine(Path.GetTempPath(), $"vocabtrim-bench-tokens-{c.Parameters["Model"]}-{c.Parameters["Repeat"]}");
            return System.IO.File.Exists(file) ? double.Parse(System.IO.File.ReadAllText(file)) : null;
        }, scale: 1e-6));
    }
}
