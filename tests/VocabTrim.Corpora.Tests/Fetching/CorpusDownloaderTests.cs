using VocabTrim.Common;
using VocabTrim.Corpora.Fetching;

namespace VocabTrim.Corpora.Tests.Fetching;

public sealed class CorpusDownloaderTests : IDisposable
{
    private readonly DownloadFixture _f = new();

    public void Dispose() => _f.Dispose();

    [Fact]
    public async Task Downloads_verifies_and_the_archive_reads_as_a_corpus()
    {
        var reports = new List<DownloadProgress>();
        var progress = new InlineProgress<DownloadProgress>(reports.Add);
        var result = await _f.Downloader().FetchAsync(_f.Entry(), progress, _f.Timeout);

        result.Path.Should().Be(Path.Combine(_f.Cache.Directory, "eng_news_2020_10K.tar.gz"));
        result.Reused.Should().BeFalse();
        result.Verified.Should().BeTrue();
        result.Sha256.Should().Be(_f.Sha256);
        File.ReadAllBytes(result.Path).Should().Equal(_f.Archive);
        File.Exists(result.Path + ".part").Should().BeFalse();
        reports.Should().NotBeEmpty();
        reports[^1].Should().Be(new DownloadProgress(DownloadFixture.Name, _f.Archive.Length, _f.Archive.Length));
        _f.Server.Requests.Single().Range.Should().BeNull();

        using var corpus = LeipzigCorpus.Open(result.Path);
        corpus.Language.Should().Be(LanguageCode.Parse("eng"));
        corpus.ReadSentences().Count().Should().Be(10_000);
    }

    [Fact]
    public async Task Continues_a_truncated_part_file_with_a_range_request()
    {
        Directory.CreateDirectory(_f.Cache.Directory);
        var half = _f.Archive.Length / 2;
        File.WriteAllBytes(_f.Cache.PartPathOf(_f.Entry()), _f.Archive[..half]);

        var result = await _f.Downloader().FetchAsync(_f.Entry(), cancellationToken: _f.Timeout);

        _f.Server.Requests.Single().Range.Should().Be($"bytes={half}-");
        result.ResumedFrom.Should().Be(half);
        result.Downloaded.Should().Be(_f.Archive.Length - half);
        File.ReadAllBytes(result.Path).Should().Equal(_f.Archive);
    }

    [Fact]
    public async Task A_broken_connection_keeps_the_part_and_the_next_fetch_continues_it()
    {
        _f.Server.CutAfter = 10_000;

        var first = () => _f.Downloader().FetchAsync(_f.Entry(), cancellationToken: _f.Timeout);

        (await first.Should().ThrowAsync<CorpusDownloadException>()).WithMessage(
            "*broke after*fetch again to continue");
        var kept = new FileInfo(_f.Cache.PartPathOf(_f.Entry())).Length;
        kept.Should().BeInRange(1, 10_000);
        File.Exists(_f.Cache.PathOf(_f.Entry())).Should().BeFalse();

        var second = await _f.Downloader().FetchAsync(_f.Entry(), cancellationToken: _f.Timeout);

        _f.Server.Requests.Select(r => r.Range).Should().Equal(null, $"bytes={kept}-");
        second.ResumedFrom.Should().Be(kept);
        File.ReadAllBytes(second.Path).Should().Equal(_f.Archive);
    }

    [Fact]
    public async Task Starts_over_when_the_server_ignores_range()
    {
        _f.Server.IgnoreRange = true;
        Directory.CreateDirectory(_f.Cache.Directory);
        File.WriteAllBytes(_f.Cache.PartPathOf(_f.Entry()), _f.Archive[..1000]);

        var result = await _f.Downloader().FetchAsync(_f.Entry(), cancellationToken: _f.Timeout);

        _f.Server.Requests.Single().Range.Should().Be("bytes=1000-");
        result.ResumedFrom.Should().Be(0);
        result.Downloaded.Should().Be(_f.Archive.Length);
        File.ReadAllBytes(result.Path).Should().Equal(_f.Archive);
    }

    [Fact]
    public async Task Continues_without_a_known_size_or_checksum()
    {
        Directory.CreateDirectory(_f.Cache.Directory);
        var entry = _f.Entry(withSize: false, withSha: false);
        File.WriteAllBytes(_f.Cache.PartPathOf(entry), _f.Archive[..5000]);

        var result = await _f.Downloader().FetchAsync(entry, cancellationToken: _f.Timeout);

        result.Verified.Should().BeFalse();
        result.Sha256.Should().Be(_f.Sha256, "the checksum is reported so that it can go into the manifest");
        File.ReadAllBytes(result.Path).Should().Equal(_f.Archive);
    }

    [Fact]
    public async Task A_part_as_long_as_the_file_is_completed_without_downloading_again()
    {
        Directory.CreateDirectory(_f.Cache.Directory);
        var entry = _f.Entry(withSize: false);
        File.WriteAllBytes(_f.Cache.PartPathOf(entry), _f.Archive);

        var result = await _f.Downloader().FetchAsync(entry, cancellationToken: _f.Timeout);

        _f.Server.Requests.Single().Range.Should().Be($"bytes={_f.Archive.Length}-");
        result.Downloaded.Should().Be(0);
        result.Verified.Should().BeTrue();
        File.ReadAllBytes(result.Path).Should().Equal(_f.Archive);
    }

    [Fact]
    public async Task A_part_longer_than_the_server_s_file_is_replaced()
    {
        Directory.CreateDirectory(_f.Cache.Directory);
        var entry = _f.Entry(withSize: false, withSha: false);
        File.WriteAllBytes(_f.Cache.PartPathOf(entry), [.. _f.Archive, .. new byte[100]]);

        var result = await _f.Downloader().FetchAsync(entry, cancellationToken: _f.Timeout);

        _f.Server.Requests.Select(r => r.Range).Should().Equal($"bytes={_f.Archive.Length + 100}-", null);
        File.ReadAllBytes(result.Path).Should().Equal(_f.Archive);
    }

    [Fact]
    public async Task A_checksum_mismatch_deletes_the_download()
    {
        var entry = _f.Entry(sha: new string('0', 64));

        var fetch = () => _f.Downloader().FetchAsync(entry, cancellationToken: _f.Timeout);

        (await fetch.Should().ThrowAsync<CorpusDownloadException>())
            .WithMessage($"*SHA-256*{_f.Sha256}*manifest says {new string('0', 64)}*");
        File.Exists(_f.Cache.PathOf(entry)).Should().BeFalse();
        File.Exists(_f.Cache.PartPathOf(entry)).Should().BeFalse();
    }

    [Fact]
    public async Task A_size_mismatch_is_an_error()
    {
        var entry = _f.Entry(withSha: false) with { Size = _f.Archive.Length + 10 };

        var fetch = () => _f.Downloader().FetchAsync(entry, cancellationToken: _f.Timeout);

        (await fetch.Should().ThrowAsync<CorpusDownloadException>()).WithMessage("*manifest says*");
        File.Exists(_f.Cache.PathOf(entry)).Should().BeFalse();
    }

    [Fact]
    public async Task Not_found_is_a_clear_error()
    {
        var entry = _f.Entry() with
        {
            Name = "deu_news_2020_10K",
            Url = new Uri(_f.Server.BaseUrl, "deu_news_2020_10K.tar.gz"),
        };

        var fetch = () => _f.Downloader().FetchAsync(entry, cancellationToken: _f.Timeout);

        (await fetch.Should().ThrowAsync<CorpusDownloadException>())
            .WithMessage(
                "deu_news_2020_10K: GET http://127.0.0.1:*/corpora/deu_news_2020_10K.tar.gz answered 404 Not Found");
        File.Exists(_f.Cache.PathOf(entry)).Should().BeFalse();
    }

    [Fact]
    public async Task A_complete_verified_file_is_reused_without_a_request()
    {
        await _f.Downloader().FetchAsync(_f.Entry(), cancellationToken: _f.Timeout);
        _f.Server.Requests.Clear();

        var again = await _f.Downloader().FetchAsync(_f.Entry(), cancellationToken: _f.Timeout);

        again.Reused.Should().BeTrue();
        again.Downloaded.Should().Be(0);
        _f.Server.Requests.Should().BeEmpty();
    }

    [Fact]
    public async Task A_cached_file_that_fails_the_checksum_is_fetched_again()
    {
        Directory.CreateDirectory(_f.Cache.Directory);
        File.WriteAllBytes(_f.Cache.PathOf(_f.Entry()), _f.Archive[..100]);

        var result = await _f.Downloader().FetchAsync(_f.Entry(), cancellationToken: _f.Timeout);

        result.Reused.Should().BeFalse();
        File.ReadAllBytes(result.Path).Should().Equal(_f.Archive);
    }

    [Fact]
    public async Task A_base_url_replaces_the_manifest_host()
    {
        var entry = _f.Entry() with
        {
            Url = new Uri("https://downloads.example.invalid/corpora/eng_news_2020_10K.tar.gz"),
        };

        var result = await _f.Downloader(_f.Server.BaseUrl).FetchAsync(entry, cancellationToken: _f.Timeout);

        File.ReadAllBytes(result.Path).Should().Equal(_f.Archive);
    }

    [Fact]
    public async Task The_resolver_gives_a_name_s_cached_archive_and_fetches_only_when_asked()
    {
        var manifest = CorpusManifest.Parse($$"""
            { "corpora": { "{{DownloadFixture.Name}}": { "language": "eng", "url": "{{_f.Url}}",
                                                         "size": {{_f.Archive.Length}}, "sha256": "{{_f.Sha256}}" } },

              "defaults": { "en": "{{DownloadFixture.Name}}" } }
            """, "test.json");
        var resolver = new CorpusResolver(manifest, _f.Downloader());

        var notYet = () => resolver.ResolveAsync(DownloadFixture.Name, fetch: false, cancellationToken: _f.Timeout);
        (await notYet.Should().ThrowAsync<CorpusDownloadException>()).WithMessage(
            "*not downloaded*vocabtrim corpus fetch eng_news_2020_10K*");

        var path = await resolver.ResolveDefaultAsync(
            LanguageCode.Parse("en"), fetch: true, cancellationToken: _f.Timeout);
        path.Should().Be(_f.Cache.PathOf(_f.Entry()));
        (await resolver.ResolveAsync(DownloadFixture.Name, fetch: false, cancellationToken: _f.Timeout)).Should().Be(
            path);
        (await resolver.ResolveAsync(path, fetch: false, cancellationToken: _f.Timeout)).Should().Be(path);

        var unknown = () => resolver.ResolveAsync("xyz_news_2023_1M", fetch: true, cancellationToken: _f.Timeout);
        (await unknown.Should().ThrowAsync<CorpusDownloadException>()).WithMessage(
            "*neither a file or folder nor a corpus of test.json*");
        var noDefault = () => resolver.ResolveDefaultAsync(
            LanguageCode.Parse("de"), fetch: true, cancellationToken: _f.Timeout);
        (await noDefault.Should().ThrowAsync<CorpusDownloadException>()).WithMessage("*no default corpus for German*");
    }
}
