using VocabTrim.Common;

namespace VocabTrim.Counting;

/// <summary>The contents of <c>counts.json</c>: the tokenizer and, per language, how its counts were made.</summary>
public sealed record CountsManifest(
    string Format,
    int Version,
    string ToolVersion,
    DateTimeOffset Written,
    TokenizerInfo Tokenizer,
    IReadOnlyDictionary<string, CountsManifestEntry> Languages)
{
    public const string FormatName = "vocabtrim-counts";
    public const int CurrentVersion = 1;

    /// <summary>
    /// Counts can be reused when they were made by the same tokenizer (by SHA-256), on the same corpus file
    /// (path, size and SHA-256) with the same options. The corpus description is only a label.
    /// </summary>
    public ReuseCheck CheckReuse(string language, TokenizerInfo tokenizer, CorpusInfo corpus,
        CountingOptions options) =>
        CheckReuse(language, tokenizer, corpus.Path, corpus.SizeBytes, () => corpus.Sha256, options);

    /// <summary>
    /// The reuse decision for the corpus file at <paramref name="corpusPath"/> as it is now: the file is hashed only
    /// when everything else agrees, so a corpus that is another file, another size or counted with other options is
    /// not read at all.
    /// </summary>
    public ReuseCheck CheckReuse(string language, TokenizerInfo tokenizer, string corpusPath, long corpusBytes,
        Func<string> corpusSha256,
        CountingOptions options)
    {
        if (Tokenizer.Sha256 != tokenizer.Sha256)
            return new(false, $"the tokenizer changed (sha256 {Short(Tokenizer.Sha256)} → {Short(tokenizer.Sha256)})");
        if (!Languages.TryGetValue(language, out var counted))
            return new(false, $"'{language}' has not been counted yet");
        var was = counted.Corpus;
        if (Path.GetFullPath(was.Path) != Path.GetFullPath(corpusPath))
            return new(false, $"the corpus is another file ({was.Path} → {corpusPath})");
        if (was.SizeBytes != corpusBytes)
            return new(false, $"the corpus changed size ({was.SizeBytes:N0} → {corpusBytes:N0} bytes)");
        if (counted.Options != options)
            return new(false, $"the options changed ({Describe(counted.Options)} → {Describe(options)})");
        var sha256 = corpusSha256();
        if (was.Sha256 != sha256)
            return new(false, $"the corpus content changed (sha256 {Short(was.Sha256)} → {Short(sha256)})");
        return new(true,
            $"'{language}' was already counted on {Path.GetFileName(corpusPath)} with the same tokenizer and options");
    }

    private static string Short(string sha) => sha.Length > 12 ? sha[..12] : sha;

    private static string Describe(CountingOptions o) =>
        $"max sentences {(o.MaxSentences?.ToString() ?? "all")}, skip malformed {(o.SkipMalformed ? "yes" : "no")}, " +
        $"format {o.Format}";
}
