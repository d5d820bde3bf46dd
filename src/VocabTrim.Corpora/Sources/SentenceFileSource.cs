namespace VocabTrim.Corpora.Sources;

/// <summary>A sentence file on disk, given directly or found in a corpus folder.</summary>
internal sealed class SentenceFileSource(string filePath, string description, Func<string, Stream> openFile)
    : CorpusSource
{
    public override string Description => description;

    public override string SentenceFileName => Path.GetFileName(filePath);

    public override long SizeBytes => new FileInfo(filePath).Length;

    public override string FilePath => Path.GetFullPath(filePath);

    public override Stream OpenSentences() => openFile(filePath);
}
