namespace VocabTrim.Corpora.Reading;

/// <summary>The running counts of one pass, updated by the reading thread.</summary>
internal sealed class ReadProgress
{
    public long Lines;
    public long Sentences;
    public long MalformedLinesSkipped;
    public long Bytes;

    public CorpusReadStats Snapshot() => new(Lines, Sentences, MalformedLinesSkipped, Bytes);
}
