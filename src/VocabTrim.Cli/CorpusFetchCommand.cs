using System.CommandLine;
using System.Globalization;
using VocabTrim.Corpora.Fetching;

namespace VocabTrim.Cli;

/// <summary>
/// <c>vocabtrim corpus fetch NAME</c>: downloads a manifest corpus into the cache, resuming and verifying.
/// </summary>
public static class CorpusFetchCommand
{
    public static Command Create()
    {
        var options = new CorpusOptions();
        var names = new Argument<string[]>("NAME")
        {
            Description = "Leipzig corpus names from the manifest, e.g. eng_news_2023_1M.",
            Arity = ArgumentArity.OneOrMore,
        };
        var quiet = new Option<bool>("--quiet") { Description = "No progress output." };
        var command = new Command("fetch",
            "Download corpora of the manifest into the cache: progress, resume of partial downloads, size and "
            + "SHA-256 check.")
        {
            names, options.Manifest, options.Cache, options.BaseUrl, quiet,
        };
        command.WithExamples("vocabtrim corpus fetch deu_news_2023_1M",
            "vocabtrim corpus fetch eng_news_2023_1M deu_news_2023_1M");
        command.SetAction(parseResult => CommandErrors.Run(parseResult, stdout =>
        {
            var manifest = options.LoadManifest(parseResult);
            var entries = parseResult.GetRequiredValue(names).Select(manifest.Get).ToList();
            // No overall timeout: a 1M corpus over a slow line takes long; a dead connection still fails.
            using var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
            var downloader = new CorpusDownloader(http, options.LoadCache(parseResult),
                options.LoadBaseUrl(parseResult));
            foreach (var entry in entries)
            {
                var result = DownloadProgressDisplay.Run(parseResult.GetValue(quiet),
                    parseResult.InvocationConfiguration.Error,
                    progress => downloader.FetchAsync(entry, progress).GetAwaiter().GetResult());
                Report(stdout, entry, result);
            }
        }));
        return command;
    }

    private static void Report(TextWriter stdout, CorpusEntry entry, FetchResult result)
    {
        var what = result.Reused ? "already downloaded"
            : result.ResumedFrom > 0
            ? string.Create(CultureInfo.InvariantCulture,
                $"downloaded {result.Downloaded / 1e6:N1} MB (resumed at {result.ResumedFrom / 1e6:N1} MB)")
            : string.Create(CultureInfo.InvariantCulture, $"downloaded {result.Downloaded / 1e6:N1} MB");
        stdout.WriteLine($"{entry.Name}: {what}: {result.Path}");
        stdout.WriteLine(result.Verified
            ? $"{entry.Name}: sha256 {result.Sha256} (matches the manifest)"
            : string.Create(CultureInfo.InvariantCulture,
                $"{entry.Name}: sha256 {result.Sha256}, {result.Size} bytes (not in the manifest; add \"size\": "
                + $"{result.Size}, \"sha256\": \"{result.Sha256}\" to verify later downloads)"));
    }
}
