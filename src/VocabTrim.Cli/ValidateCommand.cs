using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using VocabTrim.Common;
using VocabTrim.Inference;
using VocabTrim.Validation;

namespace VocabTrim.Cli;

/// <summary><c>vocabtrim validate</c>: compares a slim model with its original and fails when they differ.</summary>
public static class ValidateCommand
{
    public static Command Create()
    {
        var original = new Option<string>("--original") { Description = "The original model folder.", Required = true };
        var slim = new Option<string>("--slim")
        {
            Description = "The slim folder written by 'vocabtrim trim --model'.",
            Required = true,
        };
        var corpus = new Option<string[]>("--corpus")
        {
            Description = "LANG=PATH, repeatable: the sentences to validate on (as count reads them).",
        };
        var inputIds = new Option<string?>("--input-ids")
        {
            Description =
                "A JSON file of id sequences in original ids ([[5,17,2],...] or {\"inputs\": [...]}), for models "
                + "without a tokenizer.",
        };
        var maxSentences = new Option<int>("--max-sentences")
        {
            Description = "Sentences per corpus for the tokenization check.",
            DefaultValueFactory = _ => 1000,
        };
        var logitSentences = new Option<int>("--logit-sentences")
        {
            Description = "Covered sentences per corpus run through both models.",
            DefaultValueFactory = _ => 16,
        };
        var maxNewTokens = new Option<int>("--max-new-tokens")
        {
            Description = "Greedy steps per sentence; every step's logits are compared.",
            DefaultValueFactory = _ => 8,
        };
        var atol = new Option<double>("--atol")
        {
            Description = "Absolute logit tolerance.",
            DefaultValueFactory = _ => 1e-4,
        }.NotNegative();
        var rtol = new Option<double>("--rtol")
        {
            Description = "Relative logit tolerance (times |original logit|).",
            DefaultValueFactory = _ => 1e-5,
        }.NotNegative();
        var device = new Option<string>("--device")
        {
            Description = "cpu, cuda or auto",
            DefaultValueFactory = _ => "cpu",
        };
        device.AcceptOnlyFromAmong("cpu", "cuda", "auto");
        var output = new Option<string>("--out")
        {
            Description = "Where to write the report.",
            DefaultValueFactory = _ => "validation.json",
        };
        var force = new Option<bool>("--force") { Description = "Replace the report if it exists." };

        var command = new Command("validate",
            "Compare a slim model with its original: tokenization, logits, size and speed.")
        {
            original, slim, corpus, inputIds, maxSentences, logitSentences, maxNewTokens, atol, rtol, device, output,
            force,
        };
        command.WithExamples(
            "vocabtrim validate --original mt0-small --slim mt0-small-en-de --corpus "
            + "de=corpora/demo/deu_news_2020_2K-sentences.txt",
            "vocabtrim validate --original bloom-tiny --slim bloom-tiny-slim --input-ids inputs.json --out "
            + "validation.json");
        command.SetInterruptibleAction((parse, cancel) =>
        {
            var passed = true;
            var code = CommandErrors.Run(parse, stdout =>
            {
                var options = new ValidationOptions(parse.GetValue(maxSentences), parse.GetValue(logitSentences),
                    parse.GetValue(maxNewTokens), parse.GetValue(atol), parse.GetValue(rtol),
                    new InferenceOptions(TorchRuntime.ParseDevice(parse.GetRequiredValue(device))));
                if (options.MaxSentences < 1 || options.LogitSentences < 0 || options.MaxNewTokens < 1)
                    throw new UsageException(
                        "--max-sentences and --max-new-tokens must be at least 1, --logit-sentences at least 0");
                var corpora = (parse.GetValue(corpus) ?? []).Select(CorpusArgument.Parse)
                    .Select(c => (c.Language, c.Path)).ToList();
                var idsFile = parse.GetValue(inputIds);
                if (corpora.Count == 0 && idsFile == null)
                    throw new UsageException("give --corpus LANG=PATH or --input-ids FILE (or both)");
                // Refused before the validation runs, not after: the report is its only output.
                var reportPath = parse.GetRequiredValue(output);
                using var hold = OutputLock.Take(reportPath);
                if (!parse.GetValue(force) && File.Exists(reportPath))
                    throw new OutputExistsException(Path.GetFullPath(reportPath));
                var error = parse.InvocationConfiguration.Error;
                var clock = System.Diagnostics.Stopwatch.StartNew();
                var shown = 0;
                // A line per 5 % of the comparison, with the time left at the rate so far: a big model takes minutes.
                void Progress(ValidationProgress p)
                {
                    var step = (int)(p.Fraction * 20);
                    if (step <= shown) return;
                    shown = step;
                    var left = clock.Elapsed.TotalSeconds * (1 - p.Fraction) / Math.Max(p.Fraction, 1e-9);
                    error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"{p.Fraction,4:P0} {p.Status} (about {TimeSpan.FromSeconds(Math.Round(left)):c} left)"));
                }
                var report = new SlimModelValidator(options).Validate(parse.GetRequiredValue(original),
                    parse.GetRequiredValue(slim), corpora, message => error.WriteLine(message),
                    idsFile == null ? null : ReadInputIds(idsFile), idsFile ?? "ids", cancel, progress: Progress);
                ValidationReportFile.Write(report, reportPath, overwrite: parse.GetValue(force));
                ValidationTable.Print(report, stdout);
                stdout.WriteLine($"wrote {Path.GetFullPath(parse.GetRequiredValue(output))}");
                passed = report.Passed;
            });
            return code != 0 ? code : passed ? 0 : 2;
        });
        return command;
    }

    private static int[][] ReadInputIds(string path)
    {
        if (!File.Exists(path)) throw new UsageException($"--input-ids {path}: no such file");
        JsonDocument doc;
        try { doc = JsonDocument.Parse(File.ReadAllBytes(path)); }
        catch (JsonException e)
        {
            throw new UsageException(
                $"{path}: not valid JSON: line {e.LineNumber + 1}: {e.Message.Split(" LineNumber:")[0]}");
        }
        using (doc)
        {
            var root = doc.RootElement;
            var wrapped = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("inputs", out _);
            var list = wrapped ? root.GetProperty("inputs") : root;
            var listPath = wrapped ? "$.inputs" : "$";
            if (list.ValueKind != JsonValueKind.Array)
                throw new UsageException(
                    $"{path}: {listPath}: expected an array of id arrays ([[5,17,2],...]) or {{\"inputs\": [...]}}");
            var sequences = new int[list.GetArrayLength()][];
            if (sequences.Length == 0) throw new UsageException($"{path}: {listPath} is empty: nothing to compare");
            for (var i = 0; i < sequences.Length; i++)
            {
                var seq = list[i];
                if (seq.ValueKind != JsonValueKind.Array)
                    throw new UsageException(
                        $"{path}: {listPath}[{i}]: expected an array of ids, found {seq.ValueKind}");
                if (seq.GetArrayLength() == 0)
                    throw new UsageException($"{path}: {listPath}[{i}] is empty: every input needs at least one id");
                sequences[i] = new int[seq.GetArrayLength()];
                for (var j = 0; j < sequences[i].Length; j++)
                {
                    var id = seq[j];
                    if (id.ValueKind != JsonValueKind.Number || !id.TryGetInt32(out sequences[i][j])
                        || sequences[i][j] < 0)
                        throw new UsageException(
                            $"{path}: {listPath}[{i}][{j}]: expected a token id (a whole number >= 0), found "
                            + $"{id.GetRawText()}");
                }
            }
            return sequences;
        }
    }
}
