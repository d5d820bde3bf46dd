using VocabTrim.Common;

namespace VocabTrim.Counting;

/// <summary>The contents of <c>counts.json</c>: the tokenizer and, per language, how its counts were made.</summary>
public sealed record CountsManifest(
    string Format,
    int Version,
    string ToolVersion,
    DateTimeOffset Written,
    TokenizerInfo Tokenizer,
    IReadOnlyDictionary<string, CountedLanguage> Languages)
{
    public const string FormatName = "vocabtrim-counts";
    public const int CurrentVersion = 1;

    /// <summary>
    /// Counts can be reused when they were made by the same tokenizer (by SHA-256), on the same corpus file
    /// (path, size and SHA-256) with the same options. The corpus description is only a label.
    /// </summary>
    public ReuseCheck CheckReuse(string language, TokenizerInfo tokenizer, CorpusInfo corpus, CountingOptions options)
    {
        if (Tokenizer.Sha256 != tokenizer.Sha256)
            return new(false, $"the tokenizer changed (sha256 {Short(Tokenizer.Sha256)} → {Short(tokenizer.Sha256)})");
        if (!Languages.TryGetValue(language, out var counted))
            return new(false, $"'{language}' has not been counted yet");
        var was = counted.Corpus;
        if (Path.GetFullPath(was.Path) != Path.GetFullPath(corpus.Path))
            return new(false, $"the corpus is another file ({was.Path} → {corpus.Path})");
        if (was.SizeBytes != corpus.SizeBytes)
            return new(false, $"the corpus changed size ({was.SizeBytes:N0} → {corpus.SizeBytes:N0} bytes)");
        if (was.Sha256 != corpus.Sha256)
            return new(false, $"the corpus content changed (sha256 {Short(was.Sha256)} → {Short(corpus.Sha256)})");
        if (counted.Options != options)
            return new(false, $"the options changed ({Describe(counted.Options)} → {Describe(options)})");
        return new(true, $"'{language}' was already counted on {Path.GetFileName(corpus.Path)} with the same tokenizer and options");
    }

    private static string Short(string sha) => sha.Length > 12 ? sha[..12] : sha;

    private static string Describe(CountingOptions o) =>
        $"max sentences {(o.MaxSentences?.ToString() ?? "all")}, skip malformed {(o.SkipMalformed ? "yes" : "no")}, format {o.Format}";
}
