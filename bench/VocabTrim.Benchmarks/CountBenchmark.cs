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

    [GlobalSetup]
    public void Setup()
    {
        _modelPath = BenchmarkData.File("models", Model, "spiece.model");
        _dir = Directory.CreateTempSubdirectory("vocabtrim-bench-").FullName;
        (_leipzigFile, _plainFile, _) = BenchmarkData.WriteSampleCorpus(_dir, Repeat);
        _tokenizer = SentencePieceTokenizer.Load(_modelPath);
        var tokens = CountTokens();
        System.IO.File.WriteAllText(Path.Combine(Path.GetTempPath(), $"vocabtrim-bench-tokens-{Model}-{Repeat}"),
            tokens.ToString());
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_dir, recursive: true);

    [Benchmark(Baseline = true, Description = "spm_encode (reference, 1 thread)")]
    public void SpmEncode()
    {
        var psi = new ProcessStartInfo("spm_encode") { UseShellExecute = false, RedirectStandardError = true };
        foreach (var a in new[] { $"--model={_modelPath}", "--output_format=id", $"--input={_plainFile}",
            "--output=/dev/null" })
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
        return new TokenCounter(_tokenizer).Count(corpus.ReadBatches()).Counts.Sum();
    }

    private sealed class TokensPerSecondConfig : ManualConfig
    {
        public TokensPerSecondConfig() => AddColumn(new RateColumn("MtokPerSecond", "Mtok/s",
            "Millions of tokens encoded per second (tokens of the input / mean time)", c =>
        {
            // Setup ran in the benchmark's own process; it left the input's token count in a file.
            var file = Path.Combine(Path.GetTempPath(),
                $"vocabtrim-bench-tokens-{c.Parameters["Model"]}-{c.Parameters["Repeat"]}");
            return System.IO.File.Exists(file) ? double.Parse(System.IO.File.ReadAllText(file)) : null;
        }, scale: 1e-6));
    }
}
