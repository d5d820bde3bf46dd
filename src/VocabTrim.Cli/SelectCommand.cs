using System.CommandLine;
using System.Globalization;
using VocabTrim.Common;
using VocabTrim.Counting;
using VocabTrim.Selection;

namespace VocabTrim.Cli;

/// <summary><c>vocabtrim select</c>: chooses the pieces to keep from a counts folder and writes keep.json.</summary>
public static class SelectCommand
{
    public static Command Create()
    {
        var counts = new Option<string>("--counts")
        {
            Description = "The counts folder written by vocabtrim count.",
            Required = true,
        };
        var langs = new Option<string>("--langs")
        {
            Description = "Pieces to keep per language, most frequent first, e.g. en:15000,de:30000.",
            Required = true,
        };
        var overall = new Option<int>("--overall")
        {
            Description = "Also keep this many of the most frequent pieces over all those languages together.",
            DefaultValueFactory = _ => 0,
        };
        var tokenizer = new Option<string?>("--tokenizer")
        {
            Description = "The tokenizer the counts were made with, if it has moved since (checked by sha256).",
        };
        var sentinels = new Option<string>("--sentinels")
        {
            Description =
                "mT5 sentinels <extra_id_K> to keep: all, none, or N (keep <extra_id_0>..<extra_id_N-1>). Other "
                + "special pieces are always kept.",
            DefaultValueFactory = _ => "all",
        };
        var output = new Option<string>("--out")
        {
            Description = "Where to write the keep list (keep.json).",
            Required = true,
        };
        var force = new Option<bool>("--force") { Description = "Replace the keep list if it exists." };

        var command = new Command("select", "Choose the vocabulary to keep from the counts of your languages.")
        {
            counts, langs, overall, sentinels, tokenizer, output, force,
        };
        command.WithExamples(
            "vocabtrim select --counts out/counts --langs en:15000,de:30000 --overall 2000 --out keep.json",
            "vocabtrim select --counts out/counts --langs en:15000 --sentinels none --out keep.json");
        command.SetInterruptibleAction((parseResult, _) => CommandErrors.Run(parseResult, stdout => Run(
            parseResult.GetRequiredValue(counts), parseResult.GetRequiredValue(langs), parseResult.GetValue(overall),
            parseResult.GetRequiredValue(sentinels), parseResult.GetValue(tokenizer),
            parseResult.GetRequiredValue(output), parseResult.GetValue(force), stdout)));
        return command;
    }

    private static void Run(string countsFolder, string langs, int overall, string sentinels, string? tokenizerPath,
        string output, bool force, TextWriter stdout)
    {
        using var hold = OutputLock.Take(output);
        if (!force && File.Exists(output)) throw new OutputExistsException(Path.GetFullPath(output));
        var quotas = LanguageQuota.ParseList(langs);
        var policy = SpecialTokenPolicy.ParseSentinels(sentinels);
        var manifest = CountsDirectory.ReadManifest(countsFolder);
        if (tokenizerPath == null && !File.Exists(manifest.Tokenizer.Path))
            throw new DataFileException(Path.Combine(countsFolder, CountsDirectory.ManifestFile),
                $"$.tokenizer.path: {manifest.Tokenizer.Path} does not exist any more; give the tokenizer "
                + "with --tokenizer");
        var vocabulary = TokenizerVocabulary.Load(tokenizerPath ?? manifest.Tokenizer.Path);
        var counts = CountsDirectory.Read(countsFolder, vocabulary, quotas.Select(q => q.Language));
        var kept = VocabularySelector.Select(vocabulary, counts, quotas, overall, policy);
        KeepListFile.Write(output, kept, overwrite: force);

        var t = kept.Totals;
        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"kept {t.Kept:N0} of {t.TokenizerPieces:N0} pieces: {t.Specials:N0} special, {t.ByQuotas:N0} by language "
            + $"quotas, {t.OverallOnly:N0} only by the overall top "
            + $"{overall:N0}{(t.SentinelsDropped > 0 ? $"; {t.SentinelsDropped:N0} sentinels left out" : "")}"));
        foreach (var l in kept.Languages)
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {l.Language}: top {l.Selected:N0} of {l.Available:N0} pieces seen; the kept pieces cover "
                + $"{l.Coverage:P2} of its {l.Tokens:N0} tokens"));
        foreach (var note in kept.Notes) stdout.WriteLine($"note: {note}");
        foreach (var shortfall in kept.Shortfalls()) stdout.WriteLine($"note: {shortfall}");
        stdout.WriteLine($"wrote {Path.GetFullPath(output)}");
    }
}
