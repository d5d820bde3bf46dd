using BenchmarkDotNet.Running;
using VocabTrim.Benchmarks;

// dotnet run -c Release --project bench/VocabTrim.Benchmarks -- --filter '*'
// dotnet run -c Release --project bench/VocabTrim.Benchmarks -- model-trim [WORK_FOLDER]   (wall time vs cp, peak RSS)
if (args is ["model-trim", .. var rest]) return ModelTrimBenchmark.Run(rest);
if (args is [ModelTrimBenchmark.ChildVerb, .. var child]) return ModelTrimBenchmark.RunChild(child);
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
