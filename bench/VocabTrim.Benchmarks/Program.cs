using BenchmarkDotNet.Running;
using VocabTrim.Benchmarks;

// dotnet run -c Release --project bench/VocabTrim.Benchmarks -- --filter '*'
// dotnet run -c Release --project bench/VocabTrim.Benchmarks -- model-trim [WORK_FOLDER]   (wall time vs cp, peak RSS)
if (args is ["model-trim", .. var rest]) return ModelTrimBenchmark.Run(rest);
if (args is [ModelTrimBenchmark.ChildVerb, .. var child]) return ModelTrimBenchmark.RunChild(child);
// dotnet run -c Release --project bench/VocabTrim.Benchmarks -- adapt [WORK_FOLDER] (1M sentences per language,
// mt0-small shapes; target ≤ 60 s)
if (args is ["adapt", .. var adaptArgs]) return AdaptBenchmark.Run(adaptArgs);
if (args is [AdaptBenchmark.ChildVerb, .. var adaptChild]) return await AdaptBenchmark.RunChild(adaptChild);
// ... seed-adapt mt0-xl|mt0-xxl|bloomz-7b1|bloomz-176b-slice [--work DIR] [--limit 8G] [--clean] (issue 15: real
// shapes, memory cgroup)
if (args is ["seed-adapt", .. var seedArgs]) return SeedModelBenchmark.Run(seedArgs);
// dotnet run -c Release --project bench/VocabTrim.Benchmarks -- generate-quick 250112 1 [repeats]
if (args is ["generate-quick", var vocab, var batch, ..])
{
    GenerationSpeed.Run(int.Parse(vocab), int.Parse(batch), args.Length > 3 ? int.Parse(args[3]) : 5);
    return 0;
}
// ... generate-profile 250112 1 [rounds]: encoder, step, LM head alone and bandwidth, medians of rounds
if (args is ["generate-profile", var pv, var pb, ..])
{
    GenerationProfile.Run(int.Parse(pv), int.Parse(pb), args.Length > 3 ? int.Parse(args[3]) : 7);
    return 0;
}
// ... head-variants 250112 1 [rounds]: the LM head product in several layouts, and one tiny op's cost
if (args is ["head-variants", var hv, var hb, ..])
{
    HeadProductVariants.Run(int.Parse(hv), int.Parse(hb), args.Length > 3 ? int.Parse(args[3]) : 9);
    return 0;
}
// ... generate-ratio [rounds]: slim ÷ full at batch 1, both models loaded, timed back to back per round
if (args is ["generate-ratio", ..])
{
    GenerationRatio.Run(args.Length > 1 ? int.Parse(args[1]) : 21);
    return 0;
}
// ... generate-bloom 250880 1 [repeats]: greedy generation at bloomz-560m shapes
if (args is ["generate-bloom", var bv, var bb, ..])
{
    BloomGenerationSpeed.Run(int.Parse(bv), int.Parse(bb), args.Length > 3 ? int.Parse(args[3]) : 5);
    return 0;
}
// ... encoder 250112 1 [rounds]: the fused encoder against the libtorch ops, alternating rounds
if (args is ["encoder", var ev, var eb, ..])
{
    EncoderComparison.Run(int.Parse(ev), int.Parse(eb), args.Length > 3 ? int.Parse(args[3]) : 9);
    return 0;
}
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
