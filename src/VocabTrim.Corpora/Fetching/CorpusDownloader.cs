using System.Security.Cryptography;
using VocabTrim.Common;

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
    /// <exception cref="CorpusDownloadException">
    /// The server refused, or the file's size or checksum is wrong.
    /// </exception>
    public async Task<FetchResult> FetchAsync(CorpusEntry entry, IProgress<DownloadProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(Cache.Directory);
        var final = Cache.PathOf(entry);
        if (File.Exists(final))
        {
            var (size, sha) = await MeasureAsync(final, cancellationToken).ConfigureAwait(false);
            if (Matches(entry, size, sha))
                return new FetchResult(final, size, sha, Reused: true, 0, 0, Verified: entry.Sha256 != null);
            // A cached file that no longer matches the manifest (the manifest was corrected, or the file was
            // damaged) is fetched again rather than trusted.
            File.Delete(final);
        }

        var part = Cache.PartPathOf(entry);
        var url = UrlOf(entry);
        var (resumedFrom, downloaded) = await DownloadAsync(entry, url, part, progress, cancellationToken)
            .ConfigureAwait(false);

        var (partSize, partSha) = await MeasureAsync(part, cancellationToken).ConfigureAwait(false);
        if (entry.Size is { } expectedSize && partSize != expectedSize)
        {
            File.Delete(part);
            throw new CorpusDownloadException(
                $"{entry.Name}: downloaded {partSize:N0} bytes from {url}, but the manifest says {expectedSize:N0}; "
                + "the partial file was deleted, fetch again");
        }
        if (entry.Sha256 is { } expectedSha && partSha != expectedSha)
        {
            File.Delete(part);
            throw new CorpusDownloadException(
                $"{entry.Name}: SHA-256 of the download from {url} is {partSha}, but the manifest says {expectedSha}; "
                + "the download was deleted");
        }
        File.Move(part, final, overwrite: true);
        return new FetchResult(final, partSize, partSha, Reused: false, resumedFrom, downloaded,
            Verified: entry.Sha256 != null);
    }

    private async Task<(long ResumedFrom, long Downloaded)> DownloadAsync(
        CorpusEntry entry, Uri url, string part, IProgress<DownloadProgress>? progress,
        CancellationToken cancellationToken)
    {
        var (resumedFrom, transferred) = await ResumableDownload.IntoAsync(part, entry.Size, SendAsync, url,
            new Failures(entry.Name, url), entry.Name, progress, cancellationToken).ConfigureAwait(false);
        return (resumedFrom, transferred);

        async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancel)
        {
            try
            {
                return await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancel)
                    .ConfigureAwait(false);
            }
            catch (HttpRequestException e)
            {
                throw new CorpusDownloadException($"{entry.Name}: cannot reach {url}: {e.Message}", e);
            }
        }
    }

    private sealed class Failures(string name, Uri url) : IDownloadFailures
    {
        public Exception Refused(HttpResponseMessage response) =>
            new CorpusDownloadException(
                $"{name}: GET {url} answered {(int)response.StatusCode} {response.ReasonPhrase}");

        // What arrived stays in the .part file for the next fetch to continue from.
        public Exception Broken(long bytes, IOException cause) =>
            new CorpusDownloadException(
                $"{name}: the connection to {url} broke after {bytes:N0} bytes ({cause.Message}); fetch "
                + "again to continue", cause);

        public Exception EndedShort(long bytes, long size) =>
            new CorpusDownloadException(
                $"{name}: the connection to {url} ended after {bytes:N0} of {size:N0} bytes; fetch again to continue");
    }

    private static bool Matches(CorpusEntry entry, long size, string sha) =>
        (entry.Size == null || entry.Size == size) && (entry.Sha256 == null || entry.Sha256 == sha);

    private static async Task<(long Size, string Sha256)> MeasureAsync(string path, CancellationToken cancellationToken)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, BufferSize,
            useAsync: true);
        var hash = await SHA256.HashDataAsync(stream, cancellationToken).ConfigureAwait(false);
        return (stream.Length, Convert.ToHexStringLower(hash));
    }
}
