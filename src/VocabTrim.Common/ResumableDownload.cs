using System.Net;
using System.Net.Http.Headers;

namespace VocabTrim.Common;

/// <summary>
/// Downloads one file into a partial file (<c>.part</c>, <c>.incomplete</c>), continuing what an earlier, broken
/// transfer left there with a Range request. What arrives stays in the partial file when the connection breaks;
/// checking it and renaming it into place is the caller's, who knows the expected checksum.
/// </summary>
public static class ResumableDownload
{
    private const int BufferSize = 1 << 16;

    /// <summary>What one download did: the bytes kept from the partial file, and the bytes transferred.</summary>
    public readonly record struct Outcome(long ResumedFrom, long Transferred);

    /// <param name="part">The partial file: continued when present, created when not.</param>
    /// <param name="size">
    /// The file's size when the caller knows it: a longer partial file starts over, a complete one is kept.
    /// </param>
    /// <param name="get">
    /// Sends the GET of the file with the given request (its Range header set when continuing) and returns the answer,
    /// after any redirects; reachability errors are the caller's to report.
    /// </param>
    /// <param name="name">The name progress reports carry.</param>
    public static async Task<Outcome> IntoAsync(string part, long? size,
        Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> get,
        Uri url, IDownloadFailures failures, string name, IProgress<DownloadProgress>? progress,
        CancellationToken cancellationToken)
    {
        var existing = File.Exists(part) ? new FileInfo(part).Length : 0;
        if (size is { } known && existing > known)
        {
            File.Delete(part);
            existing = 0;
        }
        if (size is { } complete && existing == complete && File.Exists(part)) return new Outcome(existing, 0);

        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (existing > 0) request.Headers.Range = new RangeHeaderValue(existing, null);
        using var response = await get(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.RequestedRangeNotSatisfiable && existing > 0)
        {
            // "bytes */N" with N the part's length: the transfer had finished before the rename; the caller's checks
            // decide.
            if (response.Content.Headers.ContentRange is { Length: { } serverLength } && serverLength == existing)
                return new Outcome(existing, 0);
            // Otherwise the part is longer than the server's file and cannot be continued: start over.
            File.Delete(part);
            return await IntoAsync(part, size, get, url, failures, name, progress, cancellationToken)
                .ConfigureAwait(false);
        }
        if (!response.IsSuccessStatusCode) throw failures.Refused(response);

        // A server that ignores Range sends the whole file with 200: appending it would corrupt the part.
        var append = existing > 0 && response.StatusCode == HttpStatusCode.PartialContent
            && response.Content.Headers.ContentRange?.From == existing;
        var start = append ? existing : 0;
        var announced = response.Content.Headers.ContentLength is { } length ? start + length : (long?)null;
        var total = size ?? announced;

        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using var file = new FileStream(part, append ? FileMode.Append : FileMode.Create, FileAccess.Write,
            FileShare.None, BufferSize, useAsync: true);
        var buffer = new byte[BufferSize];
        var bytes = start;
        progress?.Report(new DownloadProgress(name, bytes, total));
        while (true)
        {
            int read;
            try { read = await body.ReadAsync(buffer, cancellationToken).ConfigureAwait(false); }
            // Only the connection's errors: a full disk is not a broken transfer.
            catch (IOException e) { throw failures.Broken(bytes, e); }
            if (read == 0) break;
            await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
            bytes += read;
            progress?.Report(new DownloadProgress(name, bytes, total));
        }
        if (announced is { } expected && bytes != expected) throw failures.EndedShort(bytes, expected);
        return new Outcome(start, bytes - start);
    }
}
