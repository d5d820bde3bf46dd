using System.CommandLine;
using VocabTrim.Corpora.Fetching;

namespace VocabTrim.Cli;

/// <summary>The options the <c>corpus</c> verbs share: which manifest, which cache, which server.</summary>
internal sealed class CorpusOptions
{
    public Option<string?> Manifest { get; } = new("--manifest")
    {
        Description = "A corpus manifest to use instead of the built-in corpora/leipzig.json.",
    };

    public Option<string?> Cache { get; } = new("--cache")
    {
        Description =
            "The folder for downloaded corpora (default: $VOCABTRIM_CACHE/corpora or ~/.cache/vocabtrim/corpora).",
    };

    public Option<string?> BaseUrl { get; } = new("--base-url")
    {
        Description =
            "Download NAME.tar.gz from this folder address instead of the manifest's (default: "
            + "$VOCABTRIM_CORPUS_BASE_URL).",
    };

    public CorpusManifest LoadManifest(ParseResult parseResult)
    {
        var path = parseResult.GetValue(Manifest);
        if (path == null) return CorpusManifest.BuiltIn();
        if (!File.Exists(path)) throw new UsageException($"--manifest {path}: no such file");
        return CorpusManifest.Load(path);
    }

    public CorpusCache LoadCache(ParseResult parseResult) =>
        parseResult.GetValue(Cache) is { } dir ? new CorpusCache(dir) : CorpusCache.Default();

    public Uri? LoadBaseUrl(ParseResult parseResult)
    {
        var value = parseResult.GetValue(BaseUrl);
        if (value == null) return CorpusManifest.BaseUrlFromEnvironment();
        return Uri.TryCreate(value, UriKind.Absolute, out var url)
            && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps)
            ? url : throw new UsageException($"--base-url {value}: not an http(s) address");
    }
}
