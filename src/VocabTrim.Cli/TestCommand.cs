using System.CommandLine;
using System.Text.Json;
using VocabTrim.Adaptation;
using VocabTrim.Corpora.Fetching;
using VocabTrim.Recipes;
using VocabTrim.Validation;

namespace VocabTrim.Cli;

/// <summary>
/// <c>vocabtrim test</c>: the regression test a user keeps in CI. Validates a slim model folder against its original
/// again, with the recipe's corpora and tolerances, and compares the tokenization figures with the validation.json
/// recorded when the folder was made. Exit codes: 0 passed, 1 bad input, 2 drift or a broken tolerance.
/// </summary>
public static class TestCommand
{
    public static Command Create()
    {
        var recipe = new Option<string>("--recipe")
        {
            Description = "The recipe the model was made with (its recipe.json, or the recipe in recipes/).",
            Required = true,
        };
        var modelDir = new Option<string>("--model-dir")
        {
            Description = "The slim model folder written by 'vocabtrim adapt'.",
            Required = true,
        };
        var quiet = new Option<bool>("--quiet") { Description = "No progress output." };
        var json = new Option<bool>("--json") { Description = "Print the outcome as JSON on stdout." };
        // adapt's --cache: a model made with a cache of its own finds its downloaded corpora there again.
        var cache = new Option<string?>("--cache")
        {
            Description = "vocabtrim's cache for corpora (default: $VOCABTRIM_CACHE, else ~/.cache/vocabtrim).",
        };
        var command = new Command("test",
            "Validate a slim model against its original again and fail when its outputs drift beyond the "
            + "recipe's tolerances.")
        {
            recipe, modelDir, quiet, json, cache,
        };
        command.WithExamples(
            "vocabtrim test --recipe out/demo-en-de/recipe.json --model-dir out/demo-en-de",
            "vocabtrim test --recipe recipes/mt0-small-en-de.json --model-dir mt0-small-en-de --json");
        command.SetInterruptibleAction(async (parse, cancel) =>
        {
            var passed = true;
            var code = await CommandErrors.RunAsync(parse, async stdout =>
            {
                var stderr = parse.InvocationConfiguration.Error;
                var slim = Path.GetFullPath(parse.GetRequiredValue(modelDir));
                if (!Directory.Exists(slim)) throw new UsageException($"--model-dir {slim}: no such folder");
                var loaded = RecipeFile.Load(parse.GetRequiredValue(recipe));
                var cacheRoot = parse.GetValue(cache) is { } c ? Path.GetFullPath(c) : VocabTrimCache.Root();
                IAdaptationObserver? observer = parse.GetValue(quiet) ? null : new AdaptationLog(stderr);
                var outcome = await Adaptation.Adaptation.TestAsync(loaded, slim, cacheRoot, observer, cancel: cancel)
                    .ConfigureAwait(false);
                passed = outcome.Passed;
                if (parse.GetValue(json)) WriteJson(outcome, stdout);
                else Print(outcome, stdout);
            }).ConfigureAwait(false);
            return code != 0 ? code : passed ? 0 : AdaptCommand.ValidationFailed;
        });
        return command;
    }

    private static void Print(RegressionOutcome outcome, TextWriter o)
    {
        ValidationTable.Print(outcome.Report, o);
        o.WriteLine(outcome.RecordedReport == null
            ? "no validation.json in the folder: tokenization was not compared with the time the model was made"
            : $"tokenization compared with {outcome.RecordedReport}");
        foreach (var drift in outcome.Drift) o.WriteLine($"DRIFT: {drift}");
        o.WriteLine(outcome.Passed ? "test passed" : "test FAILED");
    }

    private static void WriteJson(RegressionOutcome outcome, TextWriter o) =>
        o.WriteLine(JsonSerializer.Serialize(new
        {
            passed = outcome.Passed,
            failures = outcome.Failures,
            drift = outcome.Drift,
            recorded = outcome.RecordedReport,
            languages = outcome.Report.Languages.Select(l => new
            {
                language = l.Language,
                sentences = l.Sentences,
                covered = l.Covered,
                coveredIdentical = l.CoveredIdentical,
                logitSteps = l.LogitSteps,
                maxAbsLogitDifference = l.MaxAbsLogitDifference,
                greedyIdentical = l.GreedyIdentical,
                logitSentences = l.LogitSentences,
            }),
        }, new JsonSerializerOptions
        {
            WriteIndented = true,
            NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
        }));
}
