using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
namespace VocabTrim.TestSupport;

/// <summary>
/// A Hugging Face hub imitation on <see cref="LocalHttpServer"/>, serving one repository made of the files of
/// shared/reference/mt5-tiny (plus a model card and files a model folder does not need) at one commit, with the
/// hub's headers: <c>X-Repo-Commit</c>, git object ids as ETags for small files, and for LFS files a 302 to a
/// CDN address with <c>X-Linked-Etag</c> (their sha256) and <c>X-Linked-Size</c>.
/// </summary>
public sealed class FakeHuggingFaceHub : IDisposable
{
    public const string RepoId = "tiny-org/mt5-tiny";

    /// <summary>
    /// Files stored in LFS on the real hub (binary, by .gitattributes), the others are plain git files.
    /// </summary>
    public static bool IsLfs(string file) =>
        file.EndsWith(".safetensors", StringComparison.Ordinal)
            || file.EndsWith(".bin", StringComparison.Ordinal) || file.EndsWith(".model", StringComparison.Ordinal);

    public FakeHuggingFaceHub()
    {
        var reference = SharedData.Reference("mt5-tiny");
        foreach (var name in new[] { "config.json", "generation_config.json", "model.safetensors",
            "pytorch_model.bin", "spiece.model", "inputs.json" })
            Files[name] = File.ReadAllBytes(Path.Combine(reference, name));
        Files["README.md"] = Encoding.UTF8.GetBytes(
            "---\nlicense: apache-2.0\n---\n# mt5-tiny\n\nA tiny random mT5 for tests.\n");
        Files[".gitattributes"] = Encoding.UTF8.GetBytes("*.safetensors filter=lfs diff=lfs merge=lfs -text\n");
        Commit = Convert.ToHexStringLower(SHA1.HashData(Encoding.UTF8.GetBytes("fake commit")));
        Server.Responder = Respond;
    }

    public LocalHttpServer Server { get; } = new();

    public Dictionary<string, byte[]> Files { get; } = new(StringComparer.Ordinal);

    public string Commit { get; }

    /// <summary>Branches and tags and the commit they point to (main by default).</summary>
    public Dictionary<string, string> Refs => _refs ??= new() { ["main"] = Commit, ["v1.0"] = Commit };
    private Dictionary<string, string>? _refs;

    /// <summary>
    /// When set, every hub request without <c>Authorization: Bearer {token}</c> is answered 401 (a gated repository).
    /// </summary>
    public string? RequiredToken { get; set; }

    /// <summary>
    /// How an unknown repository is answered: 404, or 401 as the real hub does for anonymous requests (it hides private
    /// repositories).
    /// </summary>
    public string UnknownRepoStatus { get; set; } = "404 Not Found";

    /// <summary>Files whose CDN body is served with one byte changed (same length): a corrupted transfer.</summary>
    public HashSet<string> Corrupt { get; } = [];

    /// <summary>Files whose next CDN answer drops the connection after this many bytes.</summary>
    public ConcurrentDictionary<string, int> CutOnce { get; } = new();

    public static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    /// <summary>The git object id of a file: what the hub gives as ETag for files not in LFS.</summary>
    public static string GitBlobId(byte[] bytes) =>
        Convert.ToHexStringLower(SHA1.HashData([.. Encoding.ASCII.GetBytes($"blob {bytes.Length}\0"), .. bytes]));

    public string EtagOf(string file) => IsLfs(file) ? Sha256(Files[file]) : GitBlobId(Files[file]);

    public IEnumerable<LocalHttpServer.RecordedRequest> Requests => Server.Requests;

    private LocalHttpServer.ServedResponse? Respond(LocalHttpServer.RecordedRequest request)
    {
        var path = Uri.UnescapeDataString(request.Path);
        if (path.StartsWith("/cdn/", StringComparison.Ordinal)) return Cdn(path["/cdn/".Length..]);

        if (RequiredToken != null
            && (!request.Headers.TryGetValue("authorization", out var auth) || auth != $"Bearer {RequiredToken}"))
            return Answer(
                "401 Unauthorized", [], "{\"error\":\"Access to model tiny-org/mt5-tiny is restricted.\"}",
                "X-Error-Code: GatedRepo");

        var api = $"/api/models/{RepoId}/revision/";
        if (path.StartsWith("/api/models/", StringComparison.Ordinal))
        {
            if (!path.StartsWith(api, StringComparison.Ordinal))
                return Answer(
                    UnknownRepoStatus, [], "{\"error\":\"Repository not found\"}", "X-Error-Code: RepoNotFound");
            if (Resolve(path[api.Length..]) is not { } commit)
                return Answer("404 Not Found", [], "{\"error\":\"Invalid rev id\"}", "X-Error-Code: RevisionNotFound");
            var info = new { id = RepoId, sha = commit, siblings = Files.Keys.Select(f => new { rfilename = f }) };
            return Answer("200 OK", JsonSerializer.SerializeToUtf8Bytes(info), null, "Content-Type: application/json");
        }

        var resolve = $"/{RepoId}/resolve/";
        if (!path.StartsWith(resolve, StringComparison.Ordinal))
            return Answer("404 Not Found", [], "Repository not found", "X-Error-Code: RepoNotFound");
        var rest = path[resolve.Length..];
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        if (Resolve(rest[..slash]) is not { } at)
            return Answer("404 Not Found", [], "Invalid rev id", "X-Error-Code: RevisionNotFound");
        var file = rest[(slash + 1)..];
        if (!Files.TryGetValue(file, out var bytes))
            return Answer("404 Not Found", [], "Entry not found", "X-Error-Code: EntryNotFound");
        if (IsLfs(file))
        {
            var sha = Sha256(bytes);
            return new LocalHttpServer.ServedResponse("302 Found",
            [
                $"Location: {new Uri(Server.Origin, $"/cdn/{sha}")}", $"X-Repo-Commit: {at}",
                $"X-Linked-Etag: \"{sha}\"",
                $"X-Linked-Size: {bytes.Length}", $"ETag: \"{GitBlobId(Encoding.ASCII.GetBytes(sha))}\"",
            ], []);
        }
        // Small files carry a weak ETag on the real hub at times; the W/ prefix is not part of the blob name.
        return new LocalHttpServer.ServedResponse(
            "200 OK", [$"X-Repo-Commit: {at}", $"ETag: W/\"{GitBlobId(bytes)}\""], bytes);
    }

    private LocalHttpServer.ServedResponse Cdn(string sha)
    {
        var file = Files.Keys.FirstOrDefault(f => IsLfs(f) && Sha256(Files[f]) == sha);
        if (file == null) return Answer("404 Not Found", [], "NoSuchKey", null);
        var bytes = Files[file];
        if (Corrupt.Contains(file))
        {
            bytes = (byte[])bytes.Clone();
            bytes[bytes.Length / 2] ^= 0xff;
        }
        return new LocalHttpServer.ServedResponse("200 OK", ["Content-Type: application/octet-stream"], bytes)
        {
            CutAfter = CutOnce.TryRemove(file, out var cut) ? cut : null,
        };
    }

    private string? Resolve(string revision) =>
        Refs.TryGetValue(revision, out var commit) ? commit : Refs.ContainsValue(revision) ? revision : null;

    private static LocalHttpServer.ServedResponse Answer(string status, byte[] body, string? text, string? header)
    {
        var bytes = text != null ? Encoding.UTF8.GetBytes(text) : body;
        return new LocalHttpServer.ServedResponse(status, header == null ? [] : [header], bytes);
    }

    public void Dispose() => Server.Dispose();
}
