using System.Text.Json;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using TorchSharp;
using VocabTrim.Inference;
using VocabTrim.Inference.Generation;
using VocabTrim.Inference.Mt5;
using VocabTrim.Inference.Weights;

namespace VocabTrim.Benchmarks;

/// <summary>
/// Greedy generation speed at mt0-small's shapes with random weights, for the full vocabulary (250,112) and a
/// slim one (47,104): 32 prompt tokens, 32 new tokens (no early eos), CPU float32, 2 threads. One operation
/// generates the whole batch; tokens/s counts new tokens of all sequences. The cases run in this process
/// (BenchmarkDotNet's generated projects do not carry TorchSharp's native runtime), slim vocabulary first, so
/// the peak RSS column — the process's high-water mark after each case — is each vocabulary's own peak.
/// Reference (transformers, PyTorch, 2 threads): 20.3 tok/s at batch 1 and 89.4 tok/s at batch 8 (full),
/// 53.8 tok/s at batch 1 (slim).
/// </summary>
[Config(typeof(GenerationConfig))]
public class GenerationBenchmark
{
    public const int PromptTokens = 32;
    public const int NewTokens = 32;

    [Params(47_104, 250_112)]
    public int Vocab { get; set; }

    [Params(1, 8)]
    public int Batch { get; set; }

    private Mt5Model _model = null!;
    private IReadOnlyList<IReadOnlyList<long>> _prompts = [];

    [GlobalSetup]
    public void Setup()
    {
        _model = Load(Vocab);
        _prompts = Prompts(Batch, Vocab);
        Generate(); // first touch of every weight page and libtorch's lazy initialisation
    }

    [Benchmark(Description = "greedy mt0-small shapes, fp32, 2 threads")]
    public long Generate() =>
        new GreedyGenerator(_model)
            .Generate(_prompts, new GenerationOptions(NewTokens, StopAtEos: false)).Tokens.Sum(t => (long)t.Length);

    [GlobalCleanup]
    public void Cleanup()
    {
        _model.Dispose();
        File.WriteAllText(PeakRssFile(Vocab, Batch), PeakRssMegabytes().ToString());
    }

    internal static Mt5Model Load(int vocab)
    {
        SetThreads();
        var config = Mt5Config.From(ModelConfigJson.Parse(JsonSerializer.Serialize(Mt0SmallShapes.Config(vocab)),
            "mt0-small shapes"));
        using var checkpoint = new RandomCheckpoint(Mt0SmallShapes.Tensors(vocab), scale: 0.05f);
        return Mt5Model.Load(config, new WeightLoader(checkpoint, torch.CPU, torch.ScalarType.Float32));
    }

    /// <summary>
    /// libtorch's threads for the generation benchmarks: 2, as transformers was measured, or VOCABTRIM_BENCH_THREADS.
    /// </summary>
    internal static void SetThreads() =>
        torch.set_num_threads(int.TryParse(Environment.GetEnvironmentVariable("VOCABTRIM_BENCH_THREADS"), out var n)
            ? n : 2);

    internal static IReadOnlyList<IReadOnlyList<long>> Prompts(int batch, int vocab)
    {
        var random = new Random(1234);
        return [.. Enumerable.Range(0, batch).Select(_ =>
            (IReadOnlyList<long>)
                [.. Enumerable.Range(0, PromptTokens - 1).Select(_ => (long)random.Next(2, vocab)), 1L])];
    }

    /// <summary>The process's peak resident set, in MB.</summary>
    internal static long PeakRssMegabytes() => VocabTrim.Validation.PeakMemory.Bytes() / (1024 * 1024);

    private static string PeakRssFile(object vocab, object batch) =>
        Path.Combine(Path.GetTempPath(), $"vocabtrim-bench-generate-rss-{vocab}-{batch}");

    private sealed class GenerationConfig : ManualConfig
    {
        public GenerationConfig()
        {
            AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance).WithStrategy(RunStrategy.Monitoring)
                .WithLaunchCount(1).WithWarmupCount(1).WithIterationCount(5));
            AddColumn(new RateColumn("GenerateTokPerSecond", "tok/s",
                "New tokens of all sequences per second (batch × 32 / mean time)",
                c => (int)c.Parameters["Batch"] * (double)NewTokens, format: "F1"));
            AddColumn(new PeakRssColumn());
        }
    }

    private sealed class PeakRssColumn : IColumn
    {
        public string Id => "GeneratePeakRss";
        public string ColumnName => "peak RSS MB";
        public bool AlwaysShow => true;
        public ColumnCategory Category => ColumnCategory.Custom;
        public int PriorityInCategory => 1;
        public bool IsNumeric => true;
        public UnitType UnitType => UnitType.Dimensionless;
        public string Legend => "Peak resident set of the benchmark process (VmHWM), MB";
        public bool IsAvailable(Summary summary) => true;
        public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
        public string GetValue(Summary summary, BenchmarkCase benchmarkCase) =>
            GetValue(summary, benchmarkCase, SummaryStyle.Default);

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
        {
            // Cleanup left the number in a file for this column.
            var file = PeakRssFile(benchmarkCase.Parameters["Vocab"], benchmarkCase.Parameters["Batch"]);
            return File.Exists(file) ? File.ReadAllText(file) : "?";
        }
    }
}
