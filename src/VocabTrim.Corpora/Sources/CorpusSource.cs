namespace VocabTrim.Corpora.Sources;

/// <summary>Where the sentence file of a corpus lives and how to open it for one pass.</summary>
internal abstract class CorpusSource : IDisposable
{
    /// <summary>The sentence file as shown to users, e.g. <c>x.tar.gz!dir/dir-sentences.txt</c>.</summary>
    public abstract string Description { get; }

    /// <summary>The name of the sentence file itself, which carries the Leipzig corpus name.</summary>
    public abstract string SentenceFileName { get; }

    /// <summary>Size of the file the user pointed at (the archive, for archives).</summary>
    public abstract long SizeBytes { get; }

    /// <summary>The file on disk that is read: the sentences file itself, or the archive holding it.</summary>
    public abstract string FilePath { get; }

    /// <summary>
    /// A stream over the uncompressed sentence file, positioned at its start; the caller disposes it.
    /// </summary>
    public abstract Stream OpenSentences();

    public virtual void Dispose() { }
}
