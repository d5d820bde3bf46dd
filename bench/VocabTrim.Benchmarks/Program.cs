using BenchmarkDotNet.Running;
using VocabTrim.Benchmarks;

// dotnet run -c Release --project bench/VocabTrim.Benchmarks -- --filter '*'
// dotnet run -c Release --project bench/VocabTrim.Benchmarks -- generate-quick 250112 1 [repeats]
if (args is ["generate-quick", var vocab, var batch, ..])
{
    GenerationSpeed.Run(int.Parse(vocab), int.Parse(batch), args.Length > 3 ? int.Parse(args[3]) : 5);
    return;
}
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
