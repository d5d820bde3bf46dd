using System.CommandLine;
using VocabTrim.Adaptation;
using VocabTrim.Corpora.Fetching;
using VocabTrim.Counting;

namespace VocabTrim.Cli;

/// <summary>
/// <c>vocabtrim adapt</c>: one command from a model and corpora (or a recipe) to a validated slim model folder with
/// its model card, report and the resolved recipe. Exit codes: 0 done, 1 bad input, 2 written but validation failed,
/// 130 interrupted (nothing written).
/// </summary>
public static class AdaptCommand
{
    public const int ValidationFailed = 2;
    public const int Interrupted = Interruption.ExitCode;

    public static Command Create()
    {
        var recipe = new RecipeOptions();
        var output = new Option<string>("--out")
        {
            Description = "The model folder to write; it appears only when complete.",
            Required = true,
        };
        var force = new Option<bool>("--force")
        {
            Description = "Replace the output folder if it exists (only once the new one is complete).",
        };
        var quiet = new Option<bool>("--quiet")
        {
            Description = "No progress output; only the summary (or the JSON summary).",
        };
        var json = new Option<bool>("--json")
        {
            Description = "Print a machine-readable summary on stdout instead of the table (progress goes to stderr).",
        };
        var threads = new Option<int>("--threads")
        {
            Description = "Counting threads (default: all cores). Results do not depend on it.",
            DefaultValueFactory = _ => 0,
        }.AtLeast(0);
        var recount = new Option<bool>("--recount")
        {
            Description = "Count again even when counts for the same tokenizer, corpus and options are cached.",
        };
        var cache = new Option<string?>("--cache")
        {
            Description =
                "vocabtrim's cache for corpora and counts (default: $VOCABTRIM_CACHE, else ~/.cache/vocabtrim).",
        };

        var command = new Command("adapt",
            "Adapt a model to a few languages: count, select, trim tokenizer and weights, validate; write a Hugging "
            + "Face folder with model card, report and recipe.");
        recipe.AddTo(command);
        foreach (var option in new Option[] { output, force, quiet, json, threads, recount, cache })
            command.Options.Add(option);
        command.WithExamples(
            "vocabtrim adapt --recipe recipes/demo-en-de.json --out out/demo-en-de",
            "vocabtrim adapt --model bigscience/mt0-small --langs en:15000,de:30000 --overall 2000 --out "
            + "mt0-small-en-de",
            "vocabtrim adapt --model ./mt0-xl --langs de:30000 --corpus de=deu_news_2023_1M --max-sentences 300000 "
            + "--out mt0-xl-de",
            "vocabtrim adapt --recipe mt0-small-en-de/recipe.json --out mt0-small-en-de-again   # reproduce a run",
            "vocabtrim adapt --recipe recipes/bloomz-560m-en-de.json --skip-validation --json --out bloomz-560m-en-de");

        command.SetInterruptibleAction(async (parse, cancel) =>
        {
            var code = 0;
            var errorCode = await CommandErrors.RunAsync(parse, async stdout =>
            {
                var stderr = parse.InvocationConfiguration.Error;
                var resolvedRecipe = recipe.ToRecipe(parse);
                var cacheRoot = parse.GetValue(cache) is { } c ? Path.GetFullPath(c) : VocabTrimCache.Root();
                var settings = new AdaptationSettings(parse.GetRequiredValue(output), parse.GetValue(force),
                    parse.GetValue(recount) ? null : new CountsCache(Path.Combine(cacheRoot, "counts")),
                    parse.GetValue(threads));
                var result = await ObserveAsync(parse.GetValue(quiet), stderr, observer =>
                    Adaptation.Adaptation.RunAsync(resolvedRecipe, settings, cacheRoot, observer, cancel: cancel))
                    .ConfigureAwait(false);
                if (parse.GetValue(json)) AdaptationSummary.WriteJson(result, stdout);
                else AdaptationSummary.Print(result, stdout);
                if (!result.Passed) code = ValidationFailed;
            }).ConfigureAwait(false);
            return errorCode != 0 ? errorCode : code;
        });
        return command;
    }

    /// <summary>Bars on a terminal, plain lines when standard error is redirected, nothing when quiet.</summary>
    internal static Task<T> ObserveAsync<T>(bool quiet, TextWriter stderr, Func<IAdaptationObserver?, Task<T>> run)
    {
        return ProgressStyles.For(quiet, stderr) switch
        {
            ProgressStyle.None => run(null),
            ProgressStyle.Bars => AdaptationProgressBars.ShowAsync(run),
            _ => run(new AdaptationLog(stderr)),
        };
    }
}
