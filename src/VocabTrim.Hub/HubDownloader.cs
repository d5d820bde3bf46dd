using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;
using VocabTrim.Common;

namespace VocabTrim.Hub;

/// <summary>
/// Downloads the files of a model repository that a model folder needs (<see cref="ModelFolder.SelectFiles"/>)
/// into the <see cref="HuggingFaceCache"/> layout, the way huggingface_hub does: the file list and commit
/// from <c>/api/models/{repo}/revision/{revision}</c>, each file's ETag and commit from a HEAD on
/// <c>/{repo}/resolve/{commit}/{file}</c> (LFS files redirect to a CDN and carry <c>X-Linked-Etag</c>, their
/// sha256), the body into <c>blobs/{etag}.incomplete</c>, continued with a Range request after a broken
/// transfer, checked against the sha256 and renamed into place, then linked from the snapshot.
/// </summary>
public sealed partial class HubDownloader : IDisposable
{
    private const int BufferSize = 1 << 16;
    private const int MaxRedirects = 10;

    private readonly HubOptions _options;
    private readonly HttpClient _http;

    /// <param name="handler">
    /// The HTTP stack; it must not follow redirects itself, because the hub's headers are on the redirect
    /// answer (null: a <see cref="SocketsHttpHandler"/> configured so).
    /// </param>
    public HubDownloader(HubOptions options, HttpMessageHandler? handler = null)
    {
        _options = options;
        Cache = new HuggingFaceCache(options.CacheDirectory);
        // No overall timeout: a multi-gigabyte checkpoint takes long; a dead connection still fails.
        _http = new HttpClient(handler
            ?? new SocketsHttpHandler { AllowAutoRedirect = false, AutomaticDecompression = DecompressionMethods.None },
            disposeHandler: handler == null)
        { Timeout = Timeout.InfiniteTimeSpan };
    }

    public HuggingFaceCache Cache { get; }

    /// <summary>
    /// Makes the snapshot of <paramref name="repoId"/> at <paramref name="revision"/> (branch, tag or commit;
    /// default main) complete in the cache and records the branch or tag in <c>refs/</c>. Files whose blob is
    /// already cached are not downloaded again. Cancelling leaves at most a <c>.incomplete</c> blob.
    /// </summary>
    /// <exception cref="HubException">
    /// Refused (401/403), unknown (404), unreachable, broken transfer, checksum mismatch.
    /// </exception>
    public async Task<HubSnapshot> DownloadAsync(string repoId, string? revision = null,
        IProgress<DownloadProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        revision ??= HuggingFaceCache.DefaultRevision;
        if (!HubRepoId.IsValid(repoId))
            throw new HubException($"{repoId}: not a hub model id (expected org/name or name)");
        if (_options.Offline)
            throw new HubException(
                $"{repoId}: HF_HUB_OFFLINE is set, so nothing is downloaded from {_options.Endpoint}");

        var (commit, repoFiles) = await GetRevisionAsync(repoId, revision, cancellationToken).ConfigureAwait(false);
        var files = new List<string>();
        var downloadedFiles = 0;
        long downloadedBytes = 0;
        async Task Fetch(string file)
        {
            var bytes = await FetchFileAsync(repoId, commit, file, progress, cancellationToken).ConfigureAwait(false);
            files.Add(file);
            if (bytes is { } n)
            {
                downloadedFiles++;
                downloadedBytes += n;
            }
        }

        foreach (var file in ModelFolder.SelectFiles(repoId, repoFiles)) await Fetch(file).ConfigureAwait(false);
        if (files[^1] is var index && ModelFolder.IsIndex(index))
        {
            foreach (var shard in ModelFolder.ShardsOf(Cache.SnapshotFile(repoId, commit, index)))
            {
                if (!repoFiles.Contains(shard))
                    throw new HubException(
                        $"{repoId}: {index} names the shard {shard}, which the repository does not have at {commit}");
                await Fetch(shard).ConfigureAwait(false);
            }
        }
        // Last, so that a ref always points to a snapshot that was once complete.
        Cache.WriteRef(repoId, revision, commit);
        return new HubSnapshot(repoId, commit, Cache.SnapshotFolder(repoId, commit), files, downloadedFiles,
            downloadedBytes);
    }

    private async Task<(string Commit, HashSet<string> Files)> GetRevisionAsync(string repoId, string revision,
        CancellationToken cancellationToken)
    {
        var url = new Uri(_options.Endpoint, $"api/models/{repoId}/revision/{Uri.EscapeDataString(revision)}");
        using var request = Request(HttpMethod.Get, url);
        using var response = await SendAsync(request, repoId, revision, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode) throw Refused(response, repoId, revision, "GET", url);
        try
        {
            var json = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            var sha = root.TryGetProperty("sha", out var s) && s.ValueKind == JsonValueKind.String
                ? s.GetString()! : "";
            if (!HuggingFaceCache.IsCommitHash(sha))
                throw new HubException($"{repoId}: GET {url}: $.sha: expected a 40-digit commit hash");
            if (!root.TryGetProperty("siblings", out var siblings) || siblings.ValueKind != JsonValueKind.Array)
                throw new HubException($"{repoId}: GET {url}: $.siblings: expected the list of the repository's files");
            var files = new HashSet<string>(StringComparer.Ordinal);
            foreach (var sibling in siblings.EnumerateArray())
                if (sibling.ValueKind == JsonValueKind.Object && sibling.TryGetProperty("rfilename", out var name)
                    && name.ValueKind == JsonValueKind.String)
                    files.Add(name.GetString()!);
            return (sha, files);
        }
        catch (JsonException e)
        {
            throw new HubException($"{repoId}: GET {url}: the answer is not JSON ({e.Message})", e);
        }
    }

    /// <summary>
    /// Links <paramref name="file"/> into the snapshot; the bytes downloaded, or null when its blob was cached.
    /// </summary>
    private async Task<long?> FetchFileAsync(string repoId, string commit, string file,
        IProgress<DownloadProgress>? progress, CancellationToken cancellationToken)
    {
        if (!ModelFolder.IsSafeRelativeName(file))
            throw new HubException($"{repoId}: refusing the file name {file}: it leaves the model folder");
        var url = new Uri(_options.Endpoint,
            $"{repoId}/resolve/{commit}/{string.Join('/', file.Split('/').Select(Uri.EscapeDataString))}");
        var meta = await HeadAsync(repoId, commit, file, url, cancellationToken).ConfigureAwait(false);
        if (meta.Commit is { } served && served != commit)
            throw new HubException($"{repoId}: HEAD {url} answered for commit {served}, not {commit}");

        long? downloaded = null;
        if (!File.Exists(Cache.BlobPath(repoId, meta.Etag)))
        {
            // Another download of the same blob (vocabtrim or Python) would write the same .incomplete file.
            using var blobLock = await Cache.LockBlobAsync(repoId, meta.Etag, cancellationToken).ConfigureAwait(false);
            if (!File.Exists(Cache.BlobPath(repoId, meta.Etag)))
                downloaded = await DownloadBlobAsync(repoId, file, meta, progress, cancellationToken)
                    .ConfigureAwait(false);
        }
        Cache.Link(repoId, commit, file, meta.Etag);
        return downloaded;
    }

    private sealed record FileMeta(string Etag, long? Size, string? Commit, Uri DownloadUrl);

    /// <summary>
    /// HEAD on the resolve address: relative redirects (a renamed repository) are followed, an absolute one
    /// (the CDN of an LFS file) is where the body comes from, and the hub's headers are read from that answer.
    /// </summary>
    private async Task<FileMeta> HeadAsync(string repoId, string commit, string file, Uri url,
        CancellationToken cancellationToken)
    {
        for (var hop = 0; ; hop++)
        {
            using var request = Request(HttpMethod.Head, url);
            request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("identity"));
            using var response = await SendAsync(request, repoId, commit, cancellationToken).ConfigureAwait(false);
            var location = response.Headers.Location;
            var redirect = (int)response.StatusCode is >= 300 and < 400 && location != null;
            if (!redirect && !response.IsSuccessStatusCode) throw Refused(response, repoId, commit, "HEAD", url, file);
            if (redirect && !location!.IsAbsoluteUri && hop < MaxRedirects)
            {
                url = new Uri(url, location);
                continue;
            }

            var etag = NormalizeEtag(Header(response, "X-Linked-Etag") ?? Header(response, "ETag"))
                ?? throw new HubException(
                    $"{repoId}: HEAD {url} gave no ETag for {file}, so it cannot be stored in the cache");
            if (!SafeEtag().IsMatch(etag))
                throw new HubException(
                    $"{repoId}: HEAD {url}: the ETag of {file} ({etag}) is not usable as a file name");
            long? size = long.TryParse(Header(response, "X-Linked-Size"), out var linked) ? linked
                : redirect ? null : response.Content.Headers.ContentLength;
            return new FileMeta(etag, size, Header(response, "X-Repo-Commit"),
                redirect ? new Uri(url, location!) : url);
        }
    }

    /// <summary>
    /// Downloads into <c>blobs/{etag}.incomplete</c>, continuing what is there; verifies and renames it. Returns the
    /// bytes transferred.
    /// </summary>
    private async Task<long> DownloadBlobAsync(string repoId, string file, FileMeta meta,
        IProgress<DownloadProgress>? progress, CancellationToken cancellationToken)
    {
        var blob = Cache.BlobPath(repoId, meta.Etag);
        var incomplete = Cache.IncompletePath(repoId, meta.Etag);
        Directory.CreateDirectory(Path.GetDirectoryName(blob)!);

        var transferred = await TransferAsync(repoId, file, meta, incomplete, progress, cancellationToken)
            .ConfigureAwait(false);

        var actual = new FileInfo(incomplete).Length;
        if (meta.Size is { } expected && actual != expected) throw Short(repoId, file, actual, expected);
        // The ETag of an LFS file is its sha256; other files' ETags are git object ids, not checked here.
        if (Sha256Hex().IsMatch(meta.Etag))
        {
            string sha;
            await using (var stream = new FileStream(
                incomplete, FileMode.Open, FileAccess.Read, FileShare.Read, BufferSize, useAsync: true))
            {
                sha = Convert.ToHexStringLower(
                    await SHA256.HashDataAsync(stream, cancellationToken).ConfigureAwait(false));
            }
            if (sha != meta.Etag)
            {
                File.Delete(incomplete);
                throw new HubException(
                    $"{repoId}: checksum mismatch for {file}: its sha256 is {sha}, but the hub says {meta.Etag}; the "
                    + "download was deleted, run again");
            }
        }
        File.Move(incomplete, blob, overwrite: true);
        return transferred;
    }

    private async Task<long> TransferAsync(string repoId, string file, FileMeta meta, string incomplete,
        IProgress<DownloadProgress>? progress, CancellationToken cancellationToken)
    {
        var outcome = await ResumableDownload.IntoAsync(incomplete, meta.Size, GetAsync, meta.DownloadUrl,
            new Failures(this, repoId, file), file, progress, cancellationToken).ConfigureAwait(false);
        return outcome.Transferred;

        async Task<HttpResponseMessage> GetAsync(HttpRequestMessage first, CancellationToken cancel)
        {
            var range = first.Headers.Range;
            var response = await SendAsync(Authorized(first), repoId, file, cancel).ConfigureAwait(false);
            for (var hop = 0; (int)response.StatusCode is >= 300 and < 400 && response.Headers.Location is { } location
                && hop < MaxRedirects; hop++)
            {
                var url = new Uri(response.RequestMessage!.RequestUri!, location);
                response.Dispose();
                var request = Request(HttpMethod.Get, url);
                request.Headers.Range = range;
                response = await SendAsync(request, repoId, file, cancel).ConfigureAwait(false);
            }
            return response;
        }
    }

    private sealed class Failures(HubDownloader hub, string repoId, string file) : IDownloadFailures
    {
        public Exception Refused(HttpResponseMessage response) =>
            hub.Refused(response, repoId, null, "GET", response.RequestMessage!.RequestUri!, file);

        // What arrived stays in the .incomplete blob for the next run to continue from.
        public Exception Broken(long bytes, IOException cause) =>
            new HubException(
                $"{repoId}: the connection broke while downloading {file} after {bytes:N0} bytes ({cause.Message}); "
                + "run again to continue", cause);

        public Exception EndedShort(long bytes, long size) => Short(repoId, file, bytes, size);
    }

    private static HubException Short(string repoId, string file, long bytes, long size) =>
        new($"{repoId}: the download of {file} ended after {bytes:N0} of {size:N0} bytes; run again to continue it");

    private HttpRequestMessage Request(HttpMethod method, Uri url) => Authorized(new HttpRequestMessage(method, url));

    private HttpRequestMessage Authorized(HttpRequestMessage request)
    {
        var url = request.RequestUri!;
        // The token goes to the hub only, never to the CDN host an LFS file redirects to (its address is signed).
        if (_options.Token is { } token
            && Uri.Compare(url, _options.Endpoint, UriComponents.SchemeAndServer, UriFormat.Unescaped,
                StringComparison.OrdinalIgnoreCase) == 0)
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return request;
    }

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, string repoId, string? what,
        CancellationToken cancellationToken)
    {
        try
        {
            var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken)
                .ConfigureAwait(false);
            // Redirects and errors are resolved against the request that got the answer; a test handler may not set it.
            response.RequestMessage ??= request;
            return response;
        }
        catch (HttpRequestException e)
        {
            throw new HubException(
                $"{repoId}: cannot reach {request.RequestUri?.GetLeftPart(UriPartial.Authority)} "
                + $"({e.Message}){(what == null ? "" : $" while fetching {what}")}; check the network or HF_ENDPOINT, "
                + "or set HF_HUB_OFFLINE=1 to use the cache only", e);
        }
    }

    private HubException Refused(HttpResponseMessage response, string repoId, string? revision, string method, Uri url,
        string? file = null)
    {
        var status = $"{(int)response.StatusCode} {response.ReasonPhrase}";
        var errorCode = Header(response, "X-Error-Code");
        var at = revision == null ? "" : $" revision '{revision}'";
        return (response.StatusCode, errorCode) switch
        {
            (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden, "RepoNotFound") =>
                new HubException(
                    $"{repoId}: no such model or revision, or it is gated or private: set HF_TOKEN ({method} {url} "
                    + $"answered {status})"),
            (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden, _) =>
                new HubException(
                    $"{repoId}: the model is gated or private: set HF_TOKEN to a token with "
                    + $"access{(_options.Token == null ? "" : " (the one set was refused)")} ({method} {url} "
                    + $"answered {status})"),
            (HttpStatusCode.NotFound, "EntryNotFound") when file != null =>
                new HubException($"{repoId}: the hub has no file {file} at{at} ({method} {url} answered {status})"),
            (HttpStatusCode.NotFound, _) =>
                new HubException(
                    $"{repoId}: no such model or revision{(revision == null ? "" : $" '{revision}'")} at "
                    + $"{_options.Endpoint} ({method} {url} answered {status})"),
            _ => new HubException($"{repoId}: {method} {url} answered {status}"),
        };
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
            ? values.FirstOrDefault() : null;

    /// <summary>
    /// huggingface_hub's <c>_normalize_etag</c>: without a weak-validator <c>W/</c> prefix and without quotes.
    /// </summary>
    internal static string? NormalizeEtag(string? etag)
    {
        if (etag == null) return null;
        etag = etag.Trim();
        if (etag.StartsWith("W/", StringComparison.Ordinal)) etag = etag[2..];
        etag = etag.Trim('"');
        return etag.Length == 0 ? null : etag;
    }

    public void Dispose() => _http.Dispose();

    [GeneratedRegex("^[0-9a-f]{64}$")]
    private static partial Regex Sha256Hex();

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]*$")]
    private static partial Regex SafeEtag();
}
