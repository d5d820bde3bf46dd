using System.Diagnostics;
using VocabTrim.DemoAssets;

// dotnet run --project tools/VocabTrim.DemoAssets -- --shared ../shared --out .
const string Usage = "usage: VocabTrim.DemoAssets [--shared DIR (default ../shared)] [--out REPOSITORY_ROOT (default " +
                     ".)]";
string shared = Path.Combine("..", "shared"), output = ".";
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--shared" when i + 1 < args.Length: shared = args[++i]; break;
        case "--out" when i + 1 < args.Length: output = args[++i]; break;
        case "-h" or "--help": Console.WriteLine(Usage); return 0;
        default: Console.Error.WriteLine($"unexpected argument '{args[i]}'\n{Usage}"); return 2;
    }
}
var clock = Stopwatch.StartNew();
try
{
    var report = DemoAssetGenerator.Generate(shared, output, Console.WriteLine);
    foreach (var file in report.Files)
        Console.WriteLine($"  {file} ({new FileInfo(Path.Combine(output, file)).Length:N0} bytes)");
    Console.WriteLine($"done in {clock.Elapsed.TotalSeconds:F1} s");
    return 0;
}
catch (DemoAssetsException e)
{
    Console.Error.WriteLine($"error: {e.Message}");
    return 1;
}
