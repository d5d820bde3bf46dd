namespace VocabTrim.Common;

/// <summary>
/// The errors of a <see cref="ResumableDownload"/> in the words of its caller (which corpus or model, what to run
/// again), so that each says what to do in one line.
/// </summary>
public interface IDownloadFailures
{
    /// <summary>
    /// The server answered the GET with an error status (its request is the last one sent, after any redirects).
    /// </summary>
    Exception Refused(HttpResponseMessage response);

    /// <summary>The connection broke after <paramref name="bytes"/> bytes of the file were on disk.</summary>
    Exception Broken(long bytes, IOException cause);

    /// <summary>
    /// The body ended, without an error, after <paramref name="bytes"/> of the <paramref name="size"/> bytes of the
    /// file.
    /// </summary>
    Exception EndedShort(long bytes, long size);
}
