using BenchmarkDotNet.Running;

// dotnet run -c Release --project bench/VocabTrim.Benchmarks -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
