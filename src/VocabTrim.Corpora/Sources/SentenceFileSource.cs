namespace VocabTrim.Corpora.Sources;

/// <summary>A sentence file on disk, given directly or found in a corpus folder.</summary>
internal sealed class SentenceFileSource(string filePath, string description) : CorpusSource
{
    public override string Description => description;

    public override string SentenceFileName => Path.GetFileName(filePath);

    public override long SizeBytes => new FileInfo(filePath).Length;

    public override string FilePath => Path.GetFullPath(filePath);

    // No FileStream buffer: LineReader reads in large chunks already.
    public override Stream OpenSentences() =>
        new FileStream(filePath, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0, FileOptions.SequentialScan);
}
