using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;

namespace VocabTrim.Corpora.Fetching;

/// <summary>
/// Downloads manifest corpora into a <see cref="CorpusCache"/>: into <c>NAME.tar.gz.part</c>, continuing a
/// partial file with a Range request, checking size and SHA-256 when the manifest knows them, then renaming
/// to <c>NAME.tar.gz</c> so that a complete-looking file is always a verified one.
/// </summary>
public sealed class CorpusDownloader(HttpClient http, CorpusCache cache, Uri? baseUrl = null)
{
    private const int BufferSize = 1 << 16;

    public CorpusCache Cache { get; } = cache;

    /// <summary>The address <paramref name="entry"/> is downloaded from.</summary>
    public Uri UrlOf(CorpusEntry entry) => entry.UrlFrom(baseUrl);

    /// <summary>Makes <paramref name="entry"/>'s archive present and verified in the cache.</summary>
    /// <exception cref="CorpusDownloadException">The server refused, or the file's size or checksum is wrong.</exception>
    public async Task<FetchResult> FetchAsync(CorpusEntry entry, IProgress<DownloadProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(Cache.Directory);
        var final = Cache.PathOf(entry);
        if (File.Exists(final))
        {
            var (size, sha) = await MeasureAsync(final, cancellationToken).ConfigureAwait(false);
            if (Matches(entry, size, sha)) return new FetchResult(final, size, sha, Reused: true, 0, 0, Verified: entry.Sha256 != null);
            // A cached file that no longer matches the manifest (the manifest was corrected, or the file was
            // damaged) is fetched again rather than trusted.
            File.Delete(final);
        }

        var part = Cache.PartPathOf(entry);
        var url = UrlOf(entry);
        var (resumedFrom, downloaded) = await DownloadAsync(entry, url, part, progress, cancellationToken).ConfigureAwait(false);

        var (partSize, partSha) = await MeasureAsync(part, cancellationToken).ConfigureAwait(false);
        if (entry.Size is { } expectedSize && partSize != expectedSize)
        {
            File.Delete(part);
            throw new CorpusDownloadException($"{entry.Name}: downloaded {partSize:N0} bytes from {url}, but the manifest says {expectedSize:N0}; the partial file was deleted, fetch again");
        }
        if (entry.Sha256 is { } expectedSha && partSha != expectedSha)
        {
            File.Delete(part);
            throw new CorpusDownloadException($"{entry.Name}: SHA-256 of the download from {url} is {partSha}, but the manifest says {expectedSha}; the download was deleted");
        }
        File.Move(part, final, overwrite: true);
        return new FetchResult(final, partSize, partSha, Reused: false, resumedFrom, downloaded, Verified: entry.Sha256 != null);
    }

    private async Task<(long ResumedFrom, long Downloaded)> DownloadAsync(
        CorpusEntry entry, Uri url, string part, IProgress<DownloadProgress>? progress, CancellationToken cancellationToken)
    {
        var existing = File.Exists(part) ? new FileInfo(part).Length : 0;
        if (entry.Size is { } size && existing > size)
        {
            File.Delete(part);
            existing = 0;
        }
        if (entry.Size is { } complete && existing == complete) return (existing, 0);

        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (existing > 0) request.Headers.Range = new RangeHeaderValue(existing, null);
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            throw new CorpusDownloadException($"{entry.Name}: cannot reach {url}: {e.Message}", e);
        }
        using (response)
        {
            if (response.StatusCode == HttpStatusCode.RequestedRangeNotSatisfiable && existing > 0)
            {
                // "bytes */N" with N the part's length: the transfer had finished before the rename; the checks decide.
                if (response.Content.Headers.ContentRange is { Length: { } serverLength } && serverLength == existing) return (existing, 0);
                // Otherwise the part is longer than the server's file and cannot be continued: start over.
                File.Delete(part);
                return await DownloadAsync(entry, url, part, progress, cancellationToken).ConfigureAwait(false);
            }
            if (!response.IsSuccessStatusCode)
                throw new CorpusDownloadException($"{entry.Name}: GET {url} answered {(int)response.StatusCode} {response.ReasonPhrase}");

            var append = existing > 0 && response.StatusCode == HttpStatusCode.PartialContent
                && response.Content.Headers.ContentRange?.From == existing;
            // A server that ignores Range sends the whole file with 200: appending it would corrupt the part.
            var start = append ? existing : 0;
            long? total = response.Content.Headers.ContentLength is { } length ? start + length : entry.Size;

            await using var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await using var file = new FileStream(part, append ? FileMode.Append : FileMode.Create, FileAccess.Write, FileShare.None, BufferSize, useAsync: true);
            var buffer = new byte[BufferSize];
            var bytes = start;
            progress?.Report(new DownloadProgress(entry.Name, bytes, total));
            try
            {
                int read;
                while ((read = await body.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
                {
                    await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                    bytes += read;
                    progress?.Report(new DownloadProgress(entry.Name, bytes, total));
                }
            }
            catch (HttpIOException e)
            {
                // What arrived stays in the .part file for the next fetch to continue from.
                throw new CorpusDownloadException($"{entry.Name}: the connection to {url} broke after {bytes:N0} bytes ({e.Message}); fetch again to continue", e);
            }
            if (response.Content.Headers.ContentLength is { } announced && bytes - start != announced)
                throw new CorpusDownloadException($"{entry.Name}: the connection to {url} ended after {bytes - start:N0} of {announced:N0} bytes; fetch again to continue");
            return (start, bytes - start);
        }
    }

    private static bool Matches(CorpusEntry entry, long size, string sha) =>
        (entry.Size == null || entry.Size == size) && (entry.Sha256 == null || entry.Sha256 == sha);

    private static async Task<(long Size, string Sha256)> MeasureAsync(string path, CancellationToken cancellationToken)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, BufferSize, useAsync: true);
        var hash = await SHA256.HashDataAsync(stream, cancellationToken).ConfigureAwait(false);
        return (stream.Length, Convert.ToHexStringLower(hash));
    }
}
