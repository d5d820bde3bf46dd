using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
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
        CountedInput.Record(TokensName(Model, Repeat), CountedInput.Count(_tokenizer, _leipzigFile));
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
    public long VocabTrimCount() => CountedInput.Count(_tokenizer, _leipzigFile);

    private static string TokensName(object? model, object? repeat) => $"tokens-{model}-{repeat}";

    private sealed class TokensPerSecondConfig : ManualConfig
    {
        public TokensPerSecondConfig() =>
            AddColumn(CountedInput.RateColumn(
                "MtokPerSecond", c => TokensName(c.Parameters["Model"], c.Parameters["Repeat"])));
    }
}
