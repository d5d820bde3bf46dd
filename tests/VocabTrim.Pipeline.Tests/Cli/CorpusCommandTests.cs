using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using VocabTrim.Corpora;
using VocabTrim.TestSupport;

namespace VocabTrim.Pipeline.Tests.Cli;

public sealed class CorpusCommandTests : IDisposable
{
    private const string Name = "eng_news_2020_10K";
    private readonly TempDir _dir = new();
    private readonly LocalHttpServer _server = new();
    private readonly byte[] _archive = Archive();

    public CorpusCommandTests() => _server.Serve(Name + ".tar.gz", _archive);

    public void Dispose()
    {
        _server.Dispose();
        _dir.Dispose();
    }

    [Fact]
    public void Fetch_downloads_into_the_cache_and_reports_the_checksum_to_add()
    {
        var manifest = WriteManifest(sha256: null);

        var run = CliRun.Of("corpus", "fetch", Name, "--manifest", manifest, "--cache", _dir.File("cache"));

        run.ExitCode.Should().Be(0, run.ToString());
        var path = Path.Combine(_dir.File("cache"), Name + ".tar.gz");
        File.ReadAllBytes(path).Should().Equal(_archive);
        run.Output.Should().Contain($"{Name}: downloaded").And.Contain($"\"sha256\": \"{Sha256()}\"");
        run.Error.Should().Contain($"{Name}: ").And.Contain(
            "100 %", "redirected progress ends with a plain line for the complete file");
        using var corpus = LeipzigCorpus.Open(path);
        corpus.ReadSentences().Count().Should().Be(10_000);

        var again = CliRun.Of(
            "corpus", "fetch", Name, "--manifest", manifest, "--cache", _dir.File("cache"), "--quiet");
        again.ExitCode.Should().Be(0, again.ToString());
        again.Output.Should().Contain("already downloaded");
        again.Error.Should().BeEmpty();
    }

    [Fact]
    public void Fetch_with_a_wrong_checksum_fails_in_one_line_and_leaves_no_file()
    {
        var manifest = WriteManifest(sha256: new string('a', 64));

        var run = CliRun.Of("corpus", "fetch", Name, "--manifest", manifest, "--cache", _dir.File("cache"), "--quiet");

        run.ExitCode.Should().Be(1);
        run.Error.Should().StartWith($"vocabtrim: {Name}: SHA-256").And.EndWith("deleted" + Environment.NewLine);
        Directory.EnumerateFiles(_dir.File("cache")).Should().BeEmpty();
    }

    [Fact]
    public void Fetch_of_an_unknown_name_or_a_missing_file_is_a_user_error()
    {
        var manifest = WriteManifest(sha256: null, name: "deu_news_2020_10K");

        var unknown = CliRun.Of(
            "corpus", "fetch", "xyz_news_2023_1M", "--manifest", manifest, "--cache", _dir.File("cache"));
        unknown.ExitCode.Should().Be(1);
        unknown.Error.Should().StartWith("vocabtrim: 'xyz_news_2023_1M' is not a corpus of");

        var missing = CliRun.Of(
            "corpus", "fetch", "deu_news_2020_10K", "--manifest", manifest, "--cache", _dir.File("cache"), "--quiet");
        missing.ExitCode.Should().Be(1);
        missing.Error.Should().MatchRegex(
            "^vocabtrim: deu_news_2020_10K: GET http://127.0.0.1:[0-9]+/corpora/deu_news_2020_10K.tar.gz answered " +
            "404 Not Found");
    }

    [Fact]
    public void A_broken_manifest_is_reported_with_its_json_path()
    {
        var manifest = _dir.File("bad.json");
        File.WriteAllText(manifest,
            """{ "corpora": { "eng_news_2023_1M": { "language": "eng", "url": "https://x.org/a.tar.gz", "size":""" +
            """ 0 } } }""");

        var run = CliRun.Of("corpus", "list", "--manifest", manifest);

        run.ExitCode.Should().Be(1);
        run.Error.Should().StartWith(
            $"vocabtrim: {manifest}: $.corpora.eng_news_2023_1M.size: expected a positive whole number");
    }

    [Fact]
    public void List_shows_the_built_in_corpora_with_their_defaults()
    {
        var run = CliRun.Of("corpus", "list", "--cache", _dir.File("cache"));

        run.ExitCode.Should().Be(0, run.ToString());
        run.Output.Should().Contain("eng_news_2023_1M\teng (English)\tdefault\tunknown\tunknown\tno")
            .And.Contain("deu_news_2023_1M\tdeu (German)\tdefault");
    }

    private string WriteManifest(string? sha256, string name = Name)
    {
        var path = _dir.File("leipzig.json");
        var sha = sha256 == null ? "null" : $"\"{sha256}\"";
        File.WriteAllText(path, $$"""
            { "corpora": { "{{name}}": { "language": "{{name[..3]}}",
                                         "url": "{{new Uri(_server.BaseUrl, name + ".tar.gz")}}",
                                         "size": null, "sha256": {{sha}} } } }
            """);
        return path;
    }

    private string Sha256() => Convert.ToHexStringLower(SHA256.HashData(_archive));

    private static byte[] Archive()
    {
        var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
        using (var tar = new TarWriter(gzip, TarEntryFormat.Gnu, leaveOpen: true))
        {
            tar.WriteEntry(new GnuTarEntry(TarEntryType.Directory, Name + "/"));
            tar.WriteEntry(SharedData.EnglishSample, $"{Name}/{Name}-sentences.txt");
        }
        return output.ToArray();
    }
}
