using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Spectre.Console;
using VocabTrim.Common;
using VocabTrim.Counting;
using VocabTrim.Tokenizers;

namespace VocabTrim.Cli;

/// <summary>
/// <c>vocabtrim count</c>: counts how often each piece of a tokenizer occurs in each language's corpus.
/// </summary>
public static class CountCommand
{
    public static Command Create()
    {
        var tokenizer = new Option<string>("--tokenizer")
        {
            Description =
                "The tokenizer: a SentencePiece model (spiece.model), a Hugging Face tokenizer.json, or a model folder "
                + "holding one.",
            Required = true,
        };
        var corpus = new Option<string[]>("--corpus")
        {
            Description =
                "LANG=PATH, repeatable. PATH is a Leipzig *-sentences.txt, an extracted corpus folder, the .tar.gz "
                + "archive, or a corpus name fetched with 'vocabtrim corpus fetch' (e.g. deu_news_2023_1M).",
            Required = true,
            AllowMultipleArgumentsPerToken = false,
        };
        var output = new Option<string>("--out")
        {
            Description = "The counts folder to write (LANG.counts.csv and counts.json).",
            Required = true,
        };
        var maxSentences = new Option<long?>("--max-sentences")
        {
            Description = "Count only the first N sentences of each corpus (quick runs).",
        };
        var skipMalformed = new Option<bool>("--skip-malformed")
        {
            Description = "Skip and count malformed lines instead of stopping at the first.",
        };
        var plainText = new Option<bool>("--plain-text")
        {
            Description = "The corpora are plain text, one sentence per line, without Leipzig ids.",
        };
        var threads = new Option<int>("--threads")
        {
            Description = "Worker threads (default: all cores). Results do not depend on it.",
            DefaultValueFactory = _ => 0,
        }.AtLeast(0);
        var force = new Option<bool>("--force")
        {
            Description = "Count again even when the folder holds counts for the same tokenizer, corpus and options.",
        };
        var quiet = new Option<bool>("--quiet") { Description = "No progress output." };
        var cache = new Option<string?>("--cache")
        {
            Description =
                "Where 'vocabtrim corpus fetch' put corpora named by --corpus (default: $VOCABTRIM_CACHE/corpora or "
                + "~/.cache/vocabtrim/corpora).",
        };

        var command = new Command("count", "Count piece frequencies of a tokenizer over per-language corpora.")
        {
            tokenizer, corpus, output, maxSentences, skipMalformed, plainText, threads, force, quiet, cache,
        };
        command.WithExamples(
            "vocabtrim count --tokenizer models/demo-mt5 --corpus en=corpora/demo/eng_news_2020_2K-sentences.txt "
            + "--corpus de=corpora/demo/deu_news_2020_2K-sentences.txt --out out/counts",
            "vocabtrim count --tokenizer mt0-xl/spiece.model --corpus de=deu_news_2023_1M --max-sentences 100000 "
            + "--out counts");
        command.SetInterruptibleAction((parseResult, cancel) =>
            CommandErrors.Run(parseResult, stdout => Run(new Request(
            parseResult.GetRequiredValue(tokenizer),
            [.. parseResult.GetRequiredValue(corpus).Select(CorpusArgument.Parse)
                .Select(c => ResolveName(c, parseResult.GetValue(cache)))],
            parseResult.GetRequiredValue(output),
            new CountingOptions(parseResult.GetValue(maxSentences), parseResult.GetValue(skipMalformed),
                parseResult.GetValue(plainText) ? CorpusCounter.PlainTextFormat : CorpusCounter.LeipzigFormat),
            parseResult.GetValue(threads), parseResult.GetValue(force), parseResult.GetValue(quiet)),
            stdout, parseResult.InvocationConfiguration.Error, cancel)));
        return command;
    }

    /// <summary>A corpus given by its Leipzig name is the archive 'vocabtrim corpus fetch' left in the cache.</summary>
    private static CorpusArgument ResolveName(CorpusArgument corpus, string? cacheFolder)
    {
        if (File.Exists(corpus.Path) || Directory.Exists(corpus.Path)) return corpus;
        var entry = VocabTrim.Corpora.Fetching.CorpusManifest.BuiltIn().Find(corpus.Path);
        if (entry == null) return corpus; // the corpus reader says the path does not exist
        var cache = cacheFolder == null ? VocabTrim.Corpora.Fetching.CorpusCache.Default()
            : new VocabTrim.Corpora.Fetching.CorpusCache(cacheFolder);
        return cache.TryGet(entry) is { } path
            ? corpus with { Path = path }
            : throw new UsageException(
                $"--corpus {corpus.Language}={corpus.Path}: not downloaded yet; run 'vocabtrim corpus fetch "
                + $"{corpus.Path}' (cache: {cache.Directory})");
    }

    private sealed record Request(string Tokenizer, IReadOnlyList<CorpusArgument> Corpora, string Output,
        CountingOptions Options, int Threads, bool Force, bool Quiet);

    private static void Run(Request request, TextWriter stdout, TextWriter stderr, CancellationToken cancel)
    {
        if (request.Options.MaxSentences is <= 0)
            throw new UsageException($"--max-sentences must be at least 1, not {request.Options.MaxSentences}");
        var duplicate = request.Corpora.GroupBy(c => c.Language).FirstOrDefault(g => g.Count() > 1);
        if (duplicate != null) throw new UsageException($"--corpus names language '{duplicate.Key}' more than once");

        if (!File.Exists(request.Tokenizer) && !Directory.Exists(request.Tokenizer))
            throw new UsageException($"--tokenizer {request.Tokenizer}: no such file or folder");
        var loaded = TokenizerFile.Load(request.Tokenizer);
        var tokenizer = loaded.Tokenizer;
        var vocabulary = TokenizerVocabulary.Of(tokenizer, loaded.Path, loaded.Sha256);

        // Held from reading what is there to writing the result: a second count into the same folder fails at once
        // instead of replacing this one's languages (or mixing its files with them).
        using var hold = OutputLock.Take(request.Output);
        var previous = new Dictionary<string, LanguageCounts>();
        if (!request.Force && File.Exists(Path.Combine(request.Output, CountsDirectory.ManifestFile)))
        {
            foreach (var c in request.Corpora)
            {
                var counts = CountsReuse.TryReuse(request.Output, vocabulary, c.Language, c.Path, request.Options,
                    out var check, cancel);
                if (counts != null) previous[c.Language] = counts;
                stdout.WriteLine(check.CanReuse ? $"{c.Language}: reusing counts: {check.Reason} (--force counts again)"
                    : $"{c.Language}: counting: {check.Reason}");
            }
        }

        var counter = new CorpusCounter(tokenizer, request.Threads);
        var results = new List<(LanguageCounts Counts, TimeSpan? Took)>();
        foreach (var c in request.Corpora)
        {
            if (previous.TryGetValue(c.Language, out var old)) { results.Add((old, null)); continue; }
            var clock = Stopwatch.StartNew();
            var counts = WithProgress(request.Quiet, stderr, c,
                progress => counter.Count(c.Language, c.Path, request.Options, progress, cancel));
            results.Add((counts, clock.Elapsed));
        }

        CountsDirectory.Write(request.Output, vocabulary, results.Select(r => r.Counts));
        foreach (var (counts, took) in results)
        {
            var speed = took is { } t ? string.Create(CultureInfo.InvariantCulture,
                $", {counts.Sentences / t.TotalSeconds:N0} sentences/s, "
                + $"{counts.Tokens / t.TotalSeconds / 1e6:F2} Mtok/s") : " (reused)";
            var skipped = counts.MalformedLinesSkipped > 0
                ? string.Create(CultureInfo.InvariantCulture,
                    $", {counts.MalformedLinesSkipped:N0} malformed lines skipped") : "";
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{counts.Language}: {counts.Sentences:N0} sentences, {counts.Tokens:N0} tokens, "
                + $"{counts.PiecesSeen:N0} of {vocabulary.Count:N0} pieces seen, {counts.UnknownTokens:N0} unknown, "
                + $"{counts.ByteFallbackTokens:N0} byte-fallback tokens{skipped}{speed}"));
        }
        stdout.WriteLine($"wrote {Path.GetFullPath(request.Output)}");
    }

    /// <summary>
    /// A live progress line on a terminal, a plain line every few seconds when redirected, nothing when quiet.
    /// </summary>
    private static LanguageCounts WithProgress(bool quiet, TextWriter stderr, CorpusArgument corpus,
        Func<IProgress<CountProgress>?, LanguageCounts> count)
    {
        var style = ProgressStyles.For(quiet, stderr);
        if (style == ProgressStyle.None) return count(null);
        var clock = Stopwatch.StartNew();
        string Describe(CountProgress p) => string.Create(CultureInfo.InvariantCulture,
            $"{p.Language}: {p.Sentences:N0} sentences "
            + $"({p.Sentences / Math.Max(clock.Elapsed.TotalSeconds, 1e-3):N0}/s), {p.Bytes / 1e6:N1} MB read");

        if (style == ProgressStyle.Bars)
        {
            return ProgressStyles.BarsConsole().Progress().AutoClear(true)
                .Columns(new SpinnerColumn(), new TaskDescriptionColumn { Alignment = Justify.Left },
                    new ElapsedTimeColumn())
                .Start(context =>
                {
                    var task = context.AddTask(Markup.Escape($"{corpus.Language}: opening {corpus.Path}"));
                    task.IsIndeterminate = true;
                    var result = count(
                        new InlineProgress<CountProgress>(p => task.Description = Markup.Escape(Describe(p))));
                    task.StopTask();
                    return result;
                });
        }

        var lastLine = TimeSpan.Zero;
        return count(new InlineProgress<CountProgress>(p =>
        {
            if (clock.Elapsed - lastLine < TimeSpan.FromSeconds(5)) return;
            lock (stderr)
            {
                lastLine = clock.Elapsed;
                stderr.WriteLine(Describe(p));
            }
        }));
    }
}
