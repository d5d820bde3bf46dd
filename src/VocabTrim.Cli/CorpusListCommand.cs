using System.CommandLine;
using System.Globalization;

namespace VocabTrim.Cli;

/// <summary>
/// <c>vocabtrim corpus list</c>: the manifest's corpora, which language each is the default of, and what is cached.
/// </summary>
public static class CorpusListCommand
{
    public static Command Create()
    {
        var options = new CorpusOptions();
        var command = new Command("list",
            "List the corpora of the manifest: language, default, size, checksum, whether downloaded.")
        {
            options.Manifest, options.Cache,
        };
        command.WithExamples("vocabtrim corpus list");
        command.SetAction(parseResult => CommandErrors.Run(parseResult, stdout =>
        {
            var manifest = options.LoadManifest(parseResult);
            var cache = options.LoadCache(parseResult);
            stdout.WriteLine($"{manifest.Source}; cache {cache.Directory}");
            stdout.WriteLine("name\tlanguage\tdefault\tsize\tsha256\tcached");
            foreach (var entry in manifest.Corpora.OrderBy(c => c.Name, StringComparer.Ordinal))
            {
                var isDefault = manifest.DefaultFor(entry.Language)?.Name == entry.Name;
                stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{entry.Name}\t{entry.Language.Iso639_3} "
                    + $"({entry.Language.Name})\t{(isDefault ? "default" : "-")}"
                    + $"\t{entry.Size?.ToString(CultureInfo.InvariantCulture) ?? "unknown"}"
                    + $"\t{(entry.Sha256 != null ? "known" : "unknown")}"
                    + $"\t{(cache.TryGet(entry) != null ? "yes" : "no")}"));
            }
        }));
        return command;
    }
}
