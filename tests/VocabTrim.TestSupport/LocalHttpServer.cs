using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace VocabTrim.TestSupport;

/// <summary>
/// A minimal HTTP/1.1 file server on 127.0.0.1 (a free port) for download tests, so that they never need
/// the internet. It honours <c>Range: bytes=N-</c> unless told to ignore it, answers 404 for unknown paths,
/// and records every request it saw. A <see cref="Responder"/> can answer any request itself (status,
/// headers, redirects), for tests that imitate a particular server such as the Hugging Face hub.
/// </summary>
public sealed class LocalHttpServer : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly ConcurrentDictionary<string, byte[]> _files = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public LocalHttpServer()
    {
        _listener.Start();
        BaseUrl = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/corpora/");
        _loop = Task.Run(AcceptLoop);
    }

    /// <summary>The folder address files are served under (ends with a slash).</summary>
    public Uri BaseUrl { get; }

    /// <summary>Answer every request with the whole file and 200, as some servers and proxies do.</summary>
    public bool IgnoreRange { get; set; }

    /// <summary>
    /// When set, the next response announces the whole length but the connection drops after this many body bytes.
    /// </summary>
    public int? CutAfter { get; set; }

    /// <summary>
    /// Consulted first for every request; null falls back to the served files. A 200 answer with a body is
    /// cut to the requested range like a served file, and HEAD requests get the headers without the body.
    /// </summary>
    public Func<RecordedRequest, ServedResponse?>? Responder { get; set; }

    /// <summary>The server's root address, <c>http://127.0.0.1:PORT/</c>.</summary>
    public Uri Origin => new(BaseUrl, "/");

    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    /// <summary>Serves <paramref name="bytes"/> at <c>BaseUrl + fileName</c>.</summary>
    public Uri Serve(string fileName, byte[] bytes)
    {
        _files[BaseUrl.AbsolutePath + fileName] = bytes;
        return new Uri(BaseUrl, fileName);
    }

    public sealed record RecordedRequest(string Path, string? Range)
    {
        public string Method { get; init; } = "GET";

        /// <summary>The request headers, names in lower case.</summary>
        public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();
    }

    /// <summary>
    /// An answer from <see cref="Responder"/>: status code and reason (<c>"302 Found"</c>), extra headers, a body,
    /// and optionally a cut: the connection drops after that many body bytes while the whole length is announced.
    /// </summary>
    public sealed record ServedResponse(string Status, IReadOnlyList<string> Headers, byte[] Body)
    {
        public int? CutAfter { get; init; }
    }

    private async Task AcceptLoop()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }
            _ = Task.Run(() => Handle(client));
        }
    }

    private async Task Handle(TcpClient client)
    {
        using (client)
        {
            try
            {
                var stream = client.GetStream();
                var (method, path, headers) = await ReadRequest(stream);
                headers.TryGetValue("range", out var range);
                var request = new RecordedRequest(path, range) { Method = method, Headers = headers };
                Requests.Enqueue(request);
                var head = method == "HEAD";
                if (Responder?.Invoke(request) is { } answer)
                {
                    if (answer.Status.StartsWith("200", StringComparison.Ordinal))
                        await WriteRange(stream, range, answer.Body, answer.Headers, head, answer.CutAfter);
                    else
                        await Write(
                            stream, answer.Status, [.. answer.Headers], head ? [] : answer.Body, answer.Body.Length);
                    return;
                }
                if (!_files.TryGetValue(path, out var file))
                {
                    await Write(stream, "404 Not Found", [], []);
                    return;
                }
                await WriteRange(stream, range, file, [], head, cutAfter: null);
            }
            catch (Exception e) when (e is IOException or SocketException or OperationCanceledException) { }
        }
    }

    private async Task WriteRange(
        NetworkStream stream, string? range, byte[] file, IReadOnlyList<string> extra, bool head, int? cutAfter)
    {
        var start = !IgnoreRange && range != null && range.StartsWith("bytes=", StringComparison.Ordinal)
            && range.EndsWith('-')
            ? long.Parse(range["bytes=".Length..^1], System.Globalization.CultureInfo.InvariantCulture) : 0;
        if (start >= file.Length && start > 0)
        {
            await Write(stream, "416 Range Not Satisfiable", [.. extra, $"Content-Range: bytes */{file.Length}"], []);
            return;
        }
        var (status, headers, body) = start > 0
            ? ("206 Partial Content",
                [.. extra, $"Content-Range: bytes {start}-{file.Length - 1}/{file.Length}"], file[(int)start..])
            : ("200 OK", extra.ToArray(), file);
        if (head) await Write(stream, status, headers, [], body.Length);
        else await WriteBody(stream, status, headers, body, cutAfter);
    }

    private static async Task<(string Method, string Path, Dictionary<string, string> Headers)> ReadRequest(
        NetworkStream stream)
    {
        var buffer = new List<byte>();
        var one = new byte[1];
        while (buffer.Count < 4
            || !(buffer[^4] == '\r' && buffer[^3] == '\n' && buffer[^2] == '\r' && buffer[^1] == '\n'))
        {
            if (await stream.ReadAsync(one) == 0) throw new IOException("connection closed before the request ended");
            buffer.Add(one[0]);
        }
        var lines = Encoding.ASCII.GetString([.. buffer]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var requestLine = lines[0].Split(' ');
        var headers = lines.Skip(1).Select(l => l.Split(':', 2))
            .ToDictionary(p => p[0].Trim().ToLowerInvariant(), p => p[1].Trim());
        return (requestLine[0], requestLine[1], headers);
    }

    private static async Task Write(
        NetworkStream stream, string status, string[] headers, byte[] body, long? contentLength = null)
    {
        // A HEAD answer announces the length of the body it leaves out.
        var head = new StringBuilder(
            $"HTTP/1.1 {status}\r\nContent-Length: {contentLength ?? body.Length}\r\nConnection: close\r\n");
        if (!headers.Any(h => h.StartsWith("Content-Type:", StringComparison.OrdinalIgnoreCase)))
            head.Append("Content-Type: application/gzip\r\n");
        if (!status.StartsWith("416", StringComparison.Ordinal)) head.Append("Accept-Ranges: bytes\r\n");
        foreach (var h in headers) head.Append(h).Append("\r\n");
        head.Append("\r\n");
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head.ToString()));
        await stream.WriteAsync(body);
        await stream.FlushAsync();
    }

    private async Task WriteBody(
        NetworkStream stream, string status, string[] headers, byte[] body, int? cutAfter = null)
    {
        var cut = cutAfter ?? CutAfter;
        if (cut == null || cut >= body.Length)
        {
            await Write(stream, status, headers, body);
            return;
        }
        if (cutAfter == null) CutAfter = null;
        var head = new StringBuilder($"HTTP/1.1 {status}\r\nContent-Length: {body.Length}\r\nConnection: close\r\n");
        foreach (var h in headers) head.Append(h).Append("\r\n");
        head.Append("\r\n");
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head.ToString()));
        await stream.WriteAsync(body.AsMemory(0, cut.Value));
        await stream.FlushAsync();
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        try { _loop.Wait(TimeSpan.FromSeconds(5)); } catch (AggregateException) { }
        _stop.Dispose();
    }
}
