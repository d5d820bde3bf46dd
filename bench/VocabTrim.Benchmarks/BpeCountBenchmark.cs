using System.Diagnostics;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using VocabTrim.Counting;
using VocabTrim.Synthetic;
using VocabTrim.Tokenizers.Bpe;

namespace VocabTrim.Benchmarks;

/// <summary>
/// Counting speed of the BPE tokenizer against the reference Hugging Face tokenizers (npm
/// <c>tokenizers</c>, run by <c>tests/reference-node/encode.js count</c>: whole process, batches of
/// 1,000 through <c>encodeBatch</c>, which uses all cores) on the same sentences, with a BLOOM-format
/// tokenizer of 8,000 tokens trained on the two shared samples. Our side is <see cref="TokenCounter"/>
/// on all cores with fresh encoders (cold cache) each operation. <c>Repeat</c> as in <see cref="CountBenchmark"/>.
/// </summary>
[Config(typeof(TokensPerSecondConfig))]
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class BpeCountBenchmark
{
    [Params(1, 10)]
    public int Repeat { get; set; }

    private string _dir = "";
    private string _leipzigFile = "";
    private string _plainFile = "";
    private string _tokenizerPath = "";
    private BpeTokenizer _tokenizer = null!;

    [GlobalSetup]
    public void Setup()
    {
        _dir = Directory.CreateTempSubdirectory("vocabtrim-bench-bpe-").FullName;
        (_leipzigFile, _plainFile, var sentences) = BenchmarkData.WriteSampleCorpus(_dir, Repeat);
        var (tokens, merges) = BpeTrainer.Train(sentences, 8_000);
        _tokenizerPath = Path.Combine(_dir, "tokenizer.json");
        System.IO.File.WriteAllText(_tokenizerPath, BloomFormat.Write(tokens, merges));
        _tokenizer = BpeTokenizer.Load(_tokenizerPath);
        var ours = CountedInput.Count(_tokenizer, _leipzigFile);
        var (reference, _) = RunReference();
        if (ours != reference)
            throw new InvalidOperationException($"token counts differ: ours {ours}, reference {reference}");
        CountedInput.Record(TokensName(Repeat), ours);
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_dir, recursive: true);

    [Benchmark(Baseline = true, Description = "HF tokenizers 0.23.2 via node (reference, all cores)")]
    public long Reference() => RunReference().Tokens;

    [Benchmark(Description = "vocabtrim count, BPE (all cores)")]
    public long VocabTrimCount() => CountedInput.Count(_tokenizer, _leipzigFile);

    private (long Tokens, double EncodeSeconds) RunReference()
    {
        var psi = new ProcessStartInfo("node")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var a in new[] { ReferenceScript, _tokenizerPath, "count", _plainFile }) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var stderr = p.StandardError.ReadToEndAsync();
        var output = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0) throw new InvalidOperationException($"node encode.js failed: {stderr.Result}");
        using var doc = JsonDocument.Parse(output);
        return (doc.RootElement.GetProperty("tokens").GetInt64(), doc.RootElement.GetProperty("seconds").GetDouble());
    }

    private static string ReferenceScript { get; } = FindScript();

    private static string FindScript()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Environment.CurrentDirectory })
            for (var dir = new DirectoryInfo(start); dir != null; dir = dir.Parent)
            {
                var script = Path.Combine(dir.FullName, "tests", "reference-node", "encode.js");
                if (System.IO.File.Exists(Path.Combine(dir.FullName, "VocabTrim.sln")) && System.IO.File.Exists(script))
                    return script;
            }
        throw new InvalidOperationException(
            "tests/reference-node/encode.js not found; run from the repository (npm ci --prefix "
            + "tests/reference-node first)");
    }

    private static string TokensName(object? repeat) => $"bpe-tokens-{repeat}";

    private sealed class TokensPerSecondConfig : ManualConfig
    {
        public TokensPerSecondConfig() =>
            AddColumn(CountedInput.RateColumn("BpeMtokPerSecond", c => TokensName(c.Parameters["Repeat"])));
    }
}
