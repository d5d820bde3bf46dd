using VocabTrim.Common;
using VocabTrim.Corpora;
using VocabTrim.Tokenizers;

namespace VocabTrim.Counting;

/// <summary>
/// The counting stage for one language: reads a corpus in any form <see cref="LeipzigCorpus"/>
/// accepts, counts its pieces with <see cref="TokenCounter"/>, and records where the counts came from.
/// </summary>
public sealed class CorpusCounter(ITokenizer tokenizer, int threads = 0)
{
    public const string LeipzigFormat = "leipzig";
    public const string PlainTextFormat = "plain-text";

    /// <summary>
    /// Identifies the corpus by the file <see cref="Count"/> would read (path, size, SHA-256) without counting or
    /// decompressing it, for deciding whether earlier counts can be reused. The description is the path as given.
    /// </summary>
    public static CorpusInfo Identify(string corpusPath, CountingOptions options, CancellationToken cancel = default)
    {
        var (path, bytes, sha256) = HashedRead.Of(LeipzigCorpus.FileOf(corpusPath, FormatOf(options)), cancel);
        return new CorpusInfo(path, corpusPath, bytes, sha256);
    }

    /// <summary>
    /// Counts the corpus in one pass over its file, which also hashes it for <see cref="LanguageCounts.Corpus"/>.
    /// </summary>
    /// <param name="progress">Receives (sentences counted, bytes of corpus text read) as counting goes.</param>
    public LanguageCounts Count(string language, string corpusPath, CountingOptions options,
        IProgress<CountProgress>? progress = null, CancellationToken cancel = default)
    {
        using var read = new HashedRead();
        using var corpus = LeipzigCorpus.Open(corpusPath, ReadOptions(options), read.Open);
        var sentenceProgress = progress == null ? null
            : new InlineProgress<long>(n => progress.Report(new CountProgress(language, n, corpus.Stats.Bytes)));
        // Batches of 1,024 keep all workers busy to the end even on small corpora.
        var (counts, sentences) = new TokenCounter(tokenizer, threads).Count(corpus.ReadBatches(1024), sentenceProgress,
            cancel);
        // Counts of nothing would pass for a language whose pieces are all unused, and select would keep only specials.
        if (sentences == 0)
            throw new CorpusFormatException(corpus.Description, null, corpus.Stats.MalformedLinesSkipped > 0
                ? $"no sentences: all {corpus.Stats.MalformedLinesSkipped:N0} lines were malformed and skipped"
                : "no sentences: the corpus is empty");
        var (path, bytes, sha256) = read.Finish(cancel);
        return LanguageCounts.Tally(language, counts, sentences, tokenizer,
            new CorpusInfo(path, corpus.Description, bytes, sha256), options, corpus.Stats.MalformedLinesSkipped);
    }

    public static CorpusFormat FormatOf(CountingOptions options) => options.Format switch
    {
        LeipzigFormat => CorpusFormat.Leipzig,
        PlainTextFormat => CorpusFormat.PlainText,
        _ => throw new ArgumentException($"unknown corpus format '{options.Format}' (expected {LeipzigFormat} or " +
            $"{PlainTextFormat})"),
    };

    private static CorpusReadOptions ReadOptions(CountingOptions options) => new()
    {
        Format = FormatOf(options),
        SkipMalformed = options.SkipMalformed,
        MaxSentences = options.MaxSentences,
    };
}
