using System.Security.Cryptography;
using VocabTrim.Corpora.Fetching;
using VocabTrim.TestSupport;

namespace VocabTrim.Corpora.Tests.Fetching;

/// <summary>
/// A local server with a Leipzig-style archive of the shared English sample, a cache folder and a downloader.
/// </summary>
internal sealed class DownloadFixture : IDisposable
{
    public const string Name = "eng_news_2020_10K";

    private static readonly Lazy<byte[]> SharedArchive = new(
        () => CorpusFiles.LeipzigArchive(SharedData.EnglishSample, Name, gzip: true));

    public DownloadFixture()
    {
        Url = Server.Serve(Name + ".tar.gz", Archive);
        Cache = new CorpusCache(Dir.File("cache"));
    }

    public byte[] Archive => SharedArchive.Value;

    public string Sha256 => Convert.ToHexStringLower(SHA256.HashData(Archive));

    public TempDir Dir { get; } = new();

    public LocalHttpServer Server { get; } = new();

    public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromSeconds(20) };

    public Uri Url { get; }

    public CorpusCache Cache { get; }

    // Bounded so that a server or client bug fails the test instead of hanging the run.
    public CancellationToken Timeout { get; } = new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token;

    public CorpusEntry Entry(bool withSize = true, bool withSha = true, string? sha = null) =>
        new(Name, LanguageCode.Parse("eng"), Url, withSize ? Archive.Length : null, withSha ? sha ?? Sha256 : null);

    public CorpusDownloader Downloader(Uri? baseUrl = null) => new(Http, Cache, baseUrl);

    public void Dispose()
    {
        Http.Dispose();
        Server.Dispose();
        Dir.Dispose();
    }
}
