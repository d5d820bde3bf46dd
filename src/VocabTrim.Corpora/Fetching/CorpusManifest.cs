using System.Text.Json;
using System.Text.RegularExpressions;

namespace VocabTrim.Corpora.Fetching;

/// <summary>
/// The Leipzig corpora vocabtrim can fetch by name (<c>corpora/leipzig.json</c>): each corpus's language,
/// download address, and size and SHA-256 when known; plus the default corpus of each language.
/// </summary>
public sealed partial class CorpusManifest
{
    /// <summary>The environment variable that replaces the host and folder of every download address.</summary>
    public const string BaseUrlVariable = "VOCABTRIM_CORPUS_BASE_URL";

    private const string EmbeddedName = "VocabTrim.Corpora.leipzig.json";
    private static readonly string[] TopFields = ["description", "urlPattern", "corpora", "defaults"];
    private static readonly string[] CorpusFields = ["language", "url", "size", "sha256"];

    private readonly Dictionary<string, CorpusEntry> _corpora;
    private readonly Dictionary<string, string> _defaults;

    private CorpusManifest(string source, Dictionary<string, CorpusEntry> corpora, Dictionary<string, string> defaults)
    {
        Source = source;
        _corpora = corpora;
        _defaults = defaults;
    }

    /// <summary>The file the manifest was read from, or <c>built-in leipzig.json</c>.</summary>
    public string Source { get; }

    public IReadOnlyCollection<CorpusEntry> Corpora => _corpora.Values;

    /// <summary>The manifest shipped with vocabtrim (the repository's <c>corpora/leipzig.json</c>, embedded).</summary>
    public static CorpusManifest BuiltIn()
    {
        using var stream = typeof(CorpusManifest).Assembly.GetManifestResourceStream(EmbeddedName)
            ?? throw new InvalidOperationException(
                $"{EmbeddedName} is not embedded in {typeof(CorpusManifest).Assembly.GetName().Name}");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd(), "built-in leipzig.json");
    }

    /// <exception cref="CorpusManifestException">The file is not valid JSON or breaks the manifest's rules.</exception>
    public static CorpusManifest Load(string path) => Parse(File.ReadAllText(path), path);

    /// <exception cref="CorpusManifestException">The text is not valid JSON or breaks the manifest's rules.</exception>
    public static CorpusManifest Parse(string json, string source)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw new CorpusManifestException(source, e.Path ?? "$", $"not valid JSON: {e.Message}");
        }
        using (document)
        {
            var root = document.RootElement;
            RequireKind(source, "$", root, JsonValueKind.Object);
            RejectUnknown(source, "$", root, TopFields);

            var corpora = new Dictionary<string, CorpusEntry>(StringComparer.Ordinal);
            var corporaElement = Required(source, "$", root, "corpora");
            RequireKind(source, "$.corpora", corporaElement, JsonValueKind.Object);
            foreach (var property in corporaElement.EnumerateObject())
                corpora.Add(property.Name, ReadEntry(source, property.Name, property.Value));
            if (corpora.Count == 0) throw new CorpusManifestException(source, "$.corpora", "lists no corpus");

            var defaults = new Dictionary<string, string>(StringComparer.Ordinal);
            if (root.TryGetProperty("defaults", out var defaultsElement))
            {
                RequireKind(source, "$.defaults", defaultsElement, JsonValueKind.Object);
                foreach (var property in defaultsElement.EnumerateObject())
                {
                    var path = $"$.defaults.{property.Name}";
                    if (!LanguageCode.TryParse(property.Name, out var language))
                        throw new CorpusManifestException(source, path,
                            $"'{property.Name}' is not a known language code");
                    RequireKind(source, path, property.Value, JsonValueKind.String);
                    var name = property.Value.GetString()!;
                    if (!corpora.TryGetValue(name, out var entry))
                        throw new CorpusManifestException(source, path, $"names '{name}', which is not in $.corpora");
                    if (entry.Language != language)
                        throw new CorpusManifestException(source, path,
                            $"'{name}' is {entry.Language.Name}, not {language.Name}");
                    if (!defaults.TryAdd(language.Iso639_3, name))
                        throw new CorpusManifestException(source, path, $"a second default for {language.Name}");
                }
            }
            return new CorpusManifest(source, corpora, defaults);
        }
    }

    /// <summary>The corpus called <paramref name="name"/>, or null.</summary>
    public CorpusEntry? Find(string name) => _corpora.GetValueOrDefault(name);

    /// <exception cref="CorpusDownloadException">The manifest has no such corpus.</exception>
    public CorpusEntry Get(string name) => Find(name) ?? throw new CorpusDownloadException(
        $"'{name}' is not a corpus of {Source} (vocabtrim corpus list shows them)");

    /// <summary>
    /// The corpus to use for <paramref name="language"/> when none is named, or null when there is none.
    /// </summary>
    public CorpusEntry? DefaultFor(LanguageCode language) =>
        _defaults.TryGetValue(language.Iso639_3, out var name) ? _corpora[name] : null;

    /// <summary>The base-URL override from <see cref="BaseUrlVariable"/>, or null when it is not set.</summary>
    /// <exception cref="CorpusDownloadException">The variable is set but is not an http(s) address.</exception>
    public static Uri? BaseUrlFromEnvironment()
    {
        var value = Environment.GetEnvironmentVariable(BaseUrlVariable);
        if (string.IsNullOrEmpty(value)) return null;
        return IsHttpUrl(value, out var url) ? url
            : throw new CorpusDownloadException($"{BaseUrlVariable}={value} is not an http(s) address");
    }

    internal static bool IsHttpUrl(string value, out Uri url) =>
        Uri.TryCreate(value, UriKind.Absolute, out url!)
            && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps);

    private static CorpusEntry ReadEntry(string source, string name, JsonElement element)
    {
        var path = $"$.corpora.{name}";
        RequireKind(source, path, element, JsonValueKind.Object);
        RejectUnknown(source, path, element, CorpusFields);
        if (!LanguageCode.TryFromLeipzigName(name, out var nameLanguage))
            throw new CorpusManifestException(source, path,
                "the name does not start with a known ISO 639-3 code as Leipzig names do (eng_news_2023_1M)");

        var languageElement = Required(source, path, element, "language");
        RequireKind(source, path + ".language", languageElement, JsonValueKind.String);
        var code = languageElement.GetString()!;
        if (!LanguageCode.TryParse(code, out var language))
            throw new CorpusManifestException(source, path + ".language", $"'{code}' is not a known language code");
        if (language != nameLanguage)
            throw new CorpusManifestException(source, path + ".language",
                $"'{code}' is {language.Name}, but the name says {nameLanguage.Name}");

        var urlElement = Required(source, path, element, "url");
        RequireKind(source, path + ".url", urlElement, JsonValueKind.String);
        if (!IsHttpUrl(urlElement.GetString()!, out var url))
            throw new CorpusManifestException(source, path + ".url",
                $"'{urlElement.GetString()}' is not an absolute http(s) address");

        long? size = null;
        if (element.TryGetProperty("size", out var sizeElement) && sizeElement.ValueKind != JsonValueKind.Null)
        {
            if (sizeElement.ValueKind != JsonValueKind.Number || !sizeElement.TryGetInt64(out var bytes) || bytes <= 0)
                throw new CorpusManifestException(source, path + ".size",
                    $"expected a positive whole number of bytes or null, found {sizeElement.GetRawText()}");
            size = bytes;
        }

        string? sha256 = null;
        if (element.TryGetProperty("sha256", out var shaElement) && shaElement.ValueKind != JsonValueKind.Null)
        {
            if (shaElement.ValueKind != JsonValueKind.String || !Sha256Pattern().IsMatch(shaElement.GetString()!))
                throw new CorpusManifestException(source, path + ".sha256",
                    $"expected 64 hex digits or null, found {shaElement.GetRawText()}");
            sha256 = shaElement.GetString()!.ToLowerInvariant();
        }
        return new CorpusEntry(name, language, url, size, sha256);
    }

    private static JsonElement Required(string source, string path, JsonElement parent, string field) =>
        parent.TryGetProperty(field, out var value) ? value
            : throw new CorpusManifestException(source, $"{path}.{field}", "is missing");

    private static void RequireKind(string source, string path, JsonElement element, JsonValueKind kind)
    {
        if (element.ValueKind != kind)
            throw new CorpusManifestException(source, path,
                $"expected {Describe(kind)}, found {Describe(element.ValueKind)}");
    }

    // Unknown fields are errors so that a typo ("sha265") does not silently drop a checksum.
    private static void RejectUnknown(string source, string path, JsonElement element, string[] known)
    {
        foreach (var property in element.EnumerateObject())
        {
            if (!known.Contains(property.Name, StringComparer.Ordinal))
                throw new CorpusManifestException(source, $"{path}.{property.Name}",
                    $"unknown field (expected one of {string.Join(", ", known)})");
        }
    }

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => kind.ToString(),
    };

    [GeneratedRegex("^[0-9a-fA-F]{64}$")]
    private static partial Regex Sha256Pattern();
}
