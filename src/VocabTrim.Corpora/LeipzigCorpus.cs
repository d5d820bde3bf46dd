using System.Text;
using VocabTrim.Corpora.Reading;
using VocabTrim.Corpora.Sources;

namespace VocabTrim.Corpora;

/// <summary>
/// A sentence corpus in the Leipzig Corpora Collection layout (or plain text), read in a streaming pass.
/// Each call to <see cref="ReadBatches"/> or <see cref="ReadSentences"/> is a new pass over the input.
/// </summary>
public sealed class LeipzigCorpus : IDisposable
{
    private readonly CorpusSource _source;
    private ReadProgress? _lastPass;

    private LeipzigCorpus(string path, CorpusSource source, CorpusReadOptions options)
    {
        Path = path;
        _source = source;
        Options = options;
        Language = LanguageCode.TryFromLeipzigName(source.SentenceFileName, out var language) ? language : null;
    }

    /// <summary>
    /// Opens a corpus given as a <c>*-sentences.txt</c> file, an extracted corpus folder, or a
    /// <c>.tar.gz</c>/<c>.tgz</c>/<c>.tar</c> archive (streamed, never extracted); with
    /// <see cref="CorpusFormat.PlainText"/>, a text file with one sentence per line.
    /// </summary>
    /// <param name="openFile">
    /// Opens the file on disk that is read (<see cref="FilePath"/>), e.g. to hash its bytes as they are read; the
    /// stream need not seek. Default: a plain read-only file stream.
    /// </param>
    /// <exception cref="FileNotFoundException">Nothing exists at <paramref name="path"/>.</exception>
    /// <exception cref="CorpusFormatException">No single sentence file is found, or the archive is damaged.</exception>
    public static LeipzigCorpus Open(string path, CorpusReadOptions? options = null,
        Func<string, Stream>? openFile = null)
    {
        options ??= CorpusReadOptions.Default;
        if (options.MaxSentences is < 1)
            throw new ArgumentOutOfRangeException(nameof(options), options.MaxSentences,
                "MaxSentences must be at least 1 when set.");
        return new LeipzigCorpus(path, CorpusLocator.Locate(path, options.Format, openFile ?? OpenRead), options);
    }

    /// <summary>
    /// The file on disk that <see cref="Open"/> would read (the sentences file of a folder, or the archive itself),
    /// found without reading it: what a corpus is identified by before it is read.
    /// </summary>
    public static string FileOf(string path, CorpusFormat format = CorpusFormat.Leipzig) =>
        CorpusLocator.FileOf(path, format);

    /// <summary>The file as <see cref="Open"/> reads it by default: sequentially, in large chunks.</summary>
    public static FileStream OpenRead(string path) =>
        new(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16, FileOptions.SequentialScan);

    /// <summary>The path as the user gave it.</summary>
    public string Path { get; }

    /// <summary>What is read, e.g. <c>x.tar.gz!deu_news_2023_1M/deu_news_2023_1M-sentences.txt</c>.</summary>
    public string Description => _source.Description;

    /// <summary>Size of the input file in bytes (the archive, when reading from one).</summary>
    public long SizeBytes => _source.SizeBytes;

    /// <summary>
    /// The file on disk that is read (for a folder, the sentences file found in it; for an archive, the archive).
    /// </summary>
    public string FilePath => _source.FilePath;

    /// <summary>The language named by the Leipzig file name (<c>deu_news_…</c>), or null if it names none.</summary>
    public LanguageCode? Language { get; }

    public CorpusReadOptions Options { get; }

    /// <summary>What the latest pass has read so far; complete once that pass has finished.</summary>
    public CorpusReadStats Stats => _lastPass?.Snapshot() ?? default;

    /// <summary>
    /// Reads the sentences in batches of at most <paramref name="maxSentencesPerBatch"/>; each batch owns
    /// its buffer and stays valid after later batches are read.
    /// </summary>
    /// <exception cref="CorpusFormatException">A malformed line (unless skipped) or a damaged archive.</exception>
    public IEnumerable<SentenceBatch> ReadBatches(int maxSentencesPerBatch = 4096)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxSentencesPerBatch, 1);
        return ReadPass(maxSentencesPerBatch);
    }

    /// <summary>
    /// The sentences as strings; convenient for small corpora, slower than <see cref="ReadBatches"/>.
    /// </summary>
    public IEnumerable<string> ReadSentences()
    {
        foreach (var batch in ReadBatches())
            for (var i = 0; i < batch.Count; i++)
                yield return Encoding.UTF8.GetString(batch[i]);
    }

    public void Dispose() => _source.Dispose();

    private IEnumerable<SentenceBatch> ReadPass(int maxSentencesPerBatch)
    {
        var progress = new ReadProgress();
        _lastPass = progress;
        var maxSentences = Options.MaxSentences ?? long.MaxValue;
        var builder = new SentenceBatchBuilder(maxSentencesPerBatch);
        using var stream = _source.OpenSentences();
        var lines = new LineReader(stream, _source.Description);

        while (progress.Sentences < maxSentences)
        {
            if (!TryAddSentence(lines, builder, progress, out var completed)) break;
            if (completed != null) yield return completed;
        }
        if (builder.Count > 0) yield return builder.Build();
    }

    // Separate from the iterator because a span cannot live across a yield. Hands back the batch
    // completed by a sentence that did not fit it.
    private bool TryAddSentence(LineReader lines, SentenceBatchBuilder builder, ReadProgress progress,
        out SentenceBatch? completed)
    {
        completed = null;
        if (!TryReadSentence(lines, progress, out var sentence)) return false;
        if (builder.IsFullFor(sentence.Length)) completed = builder.Build();
        builder.Add(sentence, lines.LineNumber);
        return true;
    }

    private bool TryReadSentence(LineReader lines, ReadProgress progress, out ReadOnlySpan<byte> sentence)
    {
        while (lines.TryReadLine(out var line))
        {
            progress.Lines = lines.LineNumber;
            progress.Bytes = lines.BytesConsumed;
            var problem = SentenceLine.Parse(line, Options.Format, out sentence);
            if (problem == LineProblem.None)
            {
                progress.Sentences++;
                return true;
            }
            if (problem == LineProblem.Blank) continue;
            if (!Options.SkipMalformed)
                throw new CorpusFormatException(_source.Description, lines.LineNumber,
                    SentenceLine.Describe(problem, line));
            progress.MalformedLinesSkipped++;
        }
        sentence = default;
        return false;
    }
}
