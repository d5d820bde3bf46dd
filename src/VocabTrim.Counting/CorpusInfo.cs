namespace VocabTrim.Counting;

/// <summary>Which corpus a language was counted on: enough to tell later whether it changed.</summary>
/// <param name="Path">Full path of the file read (the sentences file, or the archive holding it).</param>
/// <param name="Description">What was read, e.g. <c>x.tar.gz!dir/dir-sentences.txt</c>; only a label.</param>
public sealed record CorpusInfo(string Path, string Description, long SizeBytes, string Sha256)
{
    /// <summary>
    /// Describes the corpus file at <paramref name="path"/> (full path, size and SHA-256 of its bytes).
    /// </summary>
    public static CorpusInfo OfFile(string path, string description)
    {
        var (full, bytes, sha256) = HashedRead.Of(path);
        return new CorpusInfo(full, description, bytes, sha256);
    }
}
