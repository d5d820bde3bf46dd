using VocabTrim.Checkpoints;
using VocabTrim.Common;
using VocabTrim.TestSupport;

namespace VocabTrim.Hub.Tests;

public sealed class HubDownloaderTests : IDisposable
{
    private static readonly string[] ModelFiles =
        ["config.json", "generation_config.json", "spiece.model", "README.md", "model.safetensors"];

    private readonly FakeHuggingFaceHub _hub = new();
    private readonly TempDir _dir = new();

    // Bounded so that a server or client bug fails the test instead of hanging the run.
    private readonly CancellationToken _timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60)).Token;

    public void Dispose()
    {
        _hub.Dispose();
        _dir.Dispose();
    }

    private string CacheDir => _dir.File("hub");

    private string RepoFolder => Path.Combine(CacheDir, "models--tiny-org--mt5-tiny");

    private HubSnapshot Download(
        string? revision = null, string? token = null, IProgress<DownloadProgress>? progress = null,
        CancellationToken? cancel = null)
    {
        using var downloader = new HubDownloader(_hub.Options(CacheDir, token));
        return downloader.DownloadAsync(FakeHuggingFaceHub.RepoId, revision, progress, cancel ?? _timeout)
            .GetAwaiter().GetResult();
    }

    private HubException Failure(
        string? revision = null, string? token = null, string repoId = FakeHuggingFaceHub.RepoId)
    {
        using var downloader = new HubDownloader(_hub.Options(CacheDir, token));
        var act = () => downloader.DownloadAsync(repoId, revision, null, _timeout);
        return act.Should().ThrowAsync<HubException>().GetAwaiter().GetResult().Which;
    }

    [Fact]
    public void Download_writes_the_cache_exactly_as_huggingface_hub_does()
    {
        var snapshot = Download();

        snapshot.Commit.Should().Be(_hub.Commit);
        snapshot.Folder.Should().Be(Path.Combine(RepoFolder, "snapshots", _hub.Commit));
        snapshot.Files.Should().BeEquivalentTo(ModelFiles);
        snapshot.DownloadedFiles.Should().Be(ModelFiles.Length);
        snapshot.DownloadedBytes.Should().Be(ModelFiles.Sum(f => (long)_hub.Files[f].Length));

        File.ReadAllText(Path.Combine(RepoFolder, "refs", "main")).Should().Be(
            _hub.Commit, "the ref holds the bare hash, no newline");
        Directory.EnumerateFiles(Path.Combine(RepoFolder, "blobs")).Select(Path.GetFileName)
            .Should().BeEquivalentTo(
                ModelFiles.Select(_hub.EtagOf),
                "blobs are named by ETag: sha256 for LFS files, the git object id otherwise");
        Directory.EnumerateFileSystemEntries(snapshot.Folder).Select(Path.GetFileName)
            .Should().BeEquivalentTo(
                ModelFiles,
                "pytorch_model.bin (safetensors preferred), inputs.json and .gitattributes are not model files");
        foreach (var file in ModelFiles)
        {
            var pointer = new FileInfo(Path.Combine(snapshot.Folder, file));
            pointer.LinkTarget.Should().Be(
                $"../../blobs/{_hub.EtagOf(file)}", $"{file} is a relative symlink into blobs/");
            File.ReadAllBytes(pointer.FullName).Should().Equal(_hub.Files[file]);
        }
        Directory.EnumerateFiles(RepoFolder, "*.incomplete", SearchOption.AllDirectories).Should().BeEmpty();
    }

    [Fact]
    public void The_downloaded_snapshot_opens_as_a_model()
    {
        var snapshot = Download();

        ModelFolder.Missing(snapshot.Folder).Should().BeNull();
        using var checkpoint = Checkpoint.Open(snapshot.Folder);
        using var reference = Checkpoint.Open(SharedData.Reference("mt5-tiny"));
        checkpoint.Location.Should().StartWith(snapshot.Folder);
        checkpoint.Tensors.Keys.Should().Equal(reference.Tensors.Keys).And.Contain("shared.weight");
    }

    [Fact]
    public void LFS_files_are_fetched_from_the_redirect_and_named_by_X_Linked_Etag()
    {
        Download();

        var sha = FakeHuggingFaceHub.Sha256(_hub.Files["model.safetensors"]);
        var requests = _hub.Requests.Select(r => $"{r.Method} {r.Path}").ToList();
        requests.Should().ContainInOrder(
            $"GET /api/models/{FakeHuggingFaceHub.RepoId}/revision/main",
            $"HEAD /{FakeHuggingFaceHub.RepoId}/resolve/{_hub.Commit}/model.safetensors",
            $"GET /cdn/{sha}");
        requests.Should().NotContain(
            $"GET /{FakeHuggingFaceHub.RepoId}/resolve/{_hub.Commit}/model.safetensors",
            "the CDN address came from the HEAD's redirect");
        File.Exists(Path.Combine(RepoFolder, "blobs", sha)).Should().BeTrue();
    }

    [Fact]
    public void A_second_download_reuses_the_blobs_and_transfers_nothing()
    {
        Download();
        var before = _hub.Requests.Count();

        var again = Download(revision: "v1.0");

        again.DownloadedFiles.Should().Be(0);
        again.DownloadedBytes.Should().Be(0);
        _hub.Requests.Skip(before).Should().OnlyContain(
            r => r.Method == "HEAD" || r.Path.StartsWith("/api/", StringComparison.Ordinal));
        File.ReadAllText(Path.Combine(RepoFolder, "refs", "v1.0")).Should().Be(_hub.Commit);
    }

    [Fact]
    public void A_commit_hash_revision_downloads_that_snapshot_and_writes_no_ref()
    {
        var snapshot = Download(revision: _hub.Commit);

        snapshot.Folder.Should().Be(Path.Combine(RepoFolder, "snapshots", _hub.Commit));
        Directory.Exists(Path.Combine(RepoFolder, "refs")).Should().BeFalse(
            "huggingface_hub writes refs only for branches and tags");
    }

    [Fact]
    public void A_broken_transfer_resumes_with_a_Range_request_and_gives_identical_bytes()
    {
        var weights = _hub.Files["model.safetensors"];
        var sha = FakeHuggingFaceHub.Sha256(weights);
        var half = weights.Length / 2;
        _hub.CutOnce["model.safetensors"] = half;

        var error = Failure();
        error.Message.Should().StartWith(
            $"{FakeHuggingFaceHub.RepoId}: the connection broke while downloading model.safetensors after")
            .And.EndWith("run again to continue");
        var incomplete = Path.Combine(RepoFolder, "blobs", sha + ".incomplete");
        new FileInfo(incomplete).Length.Should().Be(half);
        File.Exists(Path.Combine(RepoFolder, "snapshots", _hub.Commit, "model.safetensors")).Should().BeFalse();
        File.Exists(Path.Combine(RepoFolder, "refs", "main")).Should().BeFalse();

        var before = _hub.Requests.Count();
        var snapshot = Download();

        _hub.Requests.Skip(before).Single(r => r.Path == $"/cdn/{sha}").Range.Should().Be($"bytes={half}-");
        File.ReadAllBytes(Path.Combine(snapshot.Folder, "model.safetensors")).Should().Equal(weights);
        File.Exists(incomplete).Should().BeFalse();
        snapshot.DownloadedBytes.Should().Be(weights.Length - half, "only the missing half was transferred");
    }

    [Fact]
    public void A_CDN_that_ignores_Range_gets_the_blob_started_over_not_appended()
    {
        var weights = _hub.Files["model.safetensors"];
        _hub.CutOnce["model.safetensors"] = weights.Length / 2;
        Failure();

        _hub.Server.IgnoreRange = true;
        var snapshot = Download();

        File.ReadAllBytes(Path.Combine(snapshot.Folder, "model.safetensors")).Should().Equal(weights);
        snapshot.DownloadedBytes.Should().BeGreaterThanOrEqualTo(
            weights.Length, "the 200 answer to the Range request carried the whole file");
    }

    [Fact]
    public void A_checksum_mismatch_is_refused_and_leaves_nothing_in_the_snapshot()
    {
        _hub.Corrupt.Add("model.safetensors");
        var sha = FakeHuggingFaceHub.Sha256(_hub.Files["model.safetensors"]);

        var error = Failure();

        error.Message.Should().StartWith(
            $"{FakeHuggingFaceHub.RepoId}: checksum mismatch for model.safetensors: its sha256 is ")
            .And.Contain($"but the hub says {sha}").And.EndWith("the download was deleted, run again");
        File.Exists(Path.Combine(RepoFolder, "snapshots", _hub.Commit, "model.safetensors")).Should().BeFalse();
        Directory.EnumerateFiles(Path.Combine(RepoFolder, "blobs")).Select(Path.GetFileName).Should()
            .NotContain(n => n!.StartsWith(sha, StringComparison.Ordinal));
        File.Exists(Path.Combine(RepoFolder, "refs", "main")).Should().BeFalse();
    }

    [Fact]
    public void A_gated_repository_asks_for_HF_TOKEN_and_the_token_is_sent_as_bearer()
    {
        _hub.RequiredToken = "hf_secret";

        Failure().Message.Should().StartWith(
            $"{FakeHuggingFaceHub.RepoId}: the model is gated or private: set HF_TOKEN to a token with access (GET ")
            .And.EndWith("answered 401 Unauthorized)");
        Failure(token: "hf_wrong").Message.Should().Contain("(the one set was refused)");

        var before = _hub.Requests.Count();
        Download(token: "hf_secret").Files.Should().HaveCount(ModelFiles.Length);
        var hubRequests = _hub.Requests.Skip(before).Where(
            r => !r.Path.StartsWith("/cdn/", StringComparison.Ordinal)).ToList();
        hubRequests.Should().NotBeEmpty().And.OnlyContain(r => r.Headers["authorization"] == "Bearer hf_secret");
    }

    [Fact]
    public void An_unknown_model_or_revision_says_so()
    {
        Failure(repoId: "tiny-org/no-such-model").Message.Should()
            .StartWith("tiny-org/no-such-model: no such model or revision 'main' at http://127.0.0.1:")
            .And.Contain("answered 404 Not Found");
        Failure(revision: "no-such-branch").Message.Should()
            .StartWith($"{FakeHuggingFaceHub.RepoId}: no such model or revision 'no-such-branch' at ");
        Directory.Exists(RepoFolder).Should().BeFalse();
    }

    [Fact]
    public void A_repository_the_hub_hides_behind_401_may_be_missing_or_private()
    {
        _hub.UnknownRepoStatus = "401 Unauthorized";

        Failure(repoId: "tiny-org/hidden").Message.Should()
            .StartWith(
                "tiny-org/hidden: no such model or revision, or it is gated or private: set HF_TOKEN (GET ")
            .And.EndWith("answered 401 Unauthorized)");
    }

    [Fact]
    public async Task An_unreachable_hub_is_one_line_that_mentions_offline_mode()
    {
        var closed = new HubOptions(new Uri("http://127.0.0.1:1/"), null, CacheDir, Offline: false);
        using var downloader = new HubDownloader(closed);

        var act = () => downloader.DownloadAsync(FakeHuggingFaceHub.RepoId, null, null, _timeout);

        (await act.Should().ThrowAsync<HubException>()).Which.Message
            .Should().StartWith($"{FakeHuggingFaceHub.RepoId}: cannot reach http://127.0.0.1:1 (")
            .And.Contain("HF_HUB_OFFLINE=1");
    }

    [Fact]
    public void Progress_reports_each_file_up_to_its_size()
    {
        var reports = new List<DownloadProgress>();

        Download(progress: new InlineProgress<DownloadProgress>(reports.Add));

        foreach (var file in ModelFiles)
        {
            var mine = reports.Where(r => r.Name == file).ToList();
            mine.Should().NotBeEmpty();
            mine[^1].Bytes.Should().Be(_hub.Files[file].Length);
            mine[^1].Total.Should().Be(_hub.Files[file].Length);
            mine.Select(r => r.Bytes).Should().BeInAscendingOrder();
        }
    }

    [Fact]
    public void Cancelling_leaves_only_the_incomplete_blob()
    {
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(_timeout);
        var sha = FakeHuggingFaceHub.Sha256(_hub.Files["model.safetensors"]);

        var act = () => Download(progress: new InlineProgress<DownloadProgress>(p =>
        {
            if (p.Name == "model.safetensors" && p.Bytes > 0) cancel.Cancel();
        }), cancel: cancel.Token);

        act.Should().Throw<OperationCanceledException>();
        var blobs = Path.Combine(RepoFolder, "blobs");
        File.Exists(Path.Combine(blobs, sha + ".incomplete")).Should().BeTrue();
        File.Exists(Path.Combine(blobs, sha)).Should().BeFalse();
        File.Exists(Path.Combine(RepoFolder, "snapshots", _hub.Commit, "model.safetensors")).Should().BeFalse();
        File.Exists(Path.Combine(RepoFolder, "refs", "main")).Should().BeFalse();
    }

    [Fact]
    public async Task A_blob_another_process_is_downloading_is_waited_for_under_huggingface_hubs_lock()
    {
        var sha = FakeHuggingFaceHub.Sha256(_hub.Files["model.safetensors"]);
        var lockPath = Path.Combine(CacheDir, ".locks", "models--tiny-org--mt5-tiny", sha + ".lock");
        Directory.CreateDirectory(Path.GetDirectoryName(lockPath)!);
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(_timeout);
        using var downloader = new HubDownloader(_hub.Options(CacheDir));

        await using (new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None))
        {
            cancel.CancelAfter(TimeSpan.FromSeconds(1));
            var download = () => downloader.DownloadAsync(FakeHuggingFaceHub.RepoId, null, null, cancel.Token);
            await download.Should().ThrowAsync<OperationCanceledException>("the lock was held all along");
        }
        _hub.Requests.Should().NotContain(
            r => r.Path == $"/cdn/{sha}", "nothing is transferred while another process holds the blob's lock");
        File.Exists(Path.Combine(RepoFolder, "blobs", sha)).Should().BeFalse();

        var snapshot = await downloader.DownloadAsync(FakeHuggingFaceHub.RepoId, null, null, _timeout);
        File.ReadAllBytes(Path.Combine(snapshot.Folder, "model.safetensors")).Should().Equal(
            _hub.Files["model.safetensors"]);
        File.Exists(lockPath).Should().BeTrue("huggingface_hub leaves its lock files in place too");
    }

    [Fact]
    public async Task Offline_options_refuse_to_download_without_contacting_the_hub()
    {
        using var downloader = new HubDownloader(_hub.Options(CacheDir, offline: true));

        var act = () => downloader.DownloadAsync(FakeHuggingFaceHub.RepoId, null, null, _timeout);

        (await act.Should().ThrowAsync<HubException>()).Which.Message.Should().Contain("HF_HUB_OFFLINE is set");
        _hub.Requests.Should().BeEmpty();
    }

    [Fact]
    public void A_sharded_checkpoint_brings_its_index_and_every_shard()
    {
        var weights = _hub.Files["model.safetensors"];
        _hub.Files.Remove("model.safetensors");
        List<string> names;
        using (var reference = Checkpoint.Open(SharedData.Reference("mt5-tiny"))) names = [.. reference.Tensors.Keys];
        // One real shard holding every tensor, and an index that maps each tensor to it: what save_pretrained writes.
        const string Shard = "model-00001-of-00001.safetensors";
        _hub.Files[Shard] = weights;
        _hub.Files["model.safetensors.index.json"] = System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(
            new
            {
                metadata = new { total_size = weights.Length },
                weight_map = names.ToDictionary(n => n, _ => Shard)
            });

        var snapshot = Download();

        snapshot.Files.Should().EndWith(["model.safetensors.index.json", Shard]);
        snapshot.Files.Should().NotContain("pytorch_model.bin");
        new FileInfo(Path.Combine(snapshot.Folder, Shard)).LinkTarget.Should().Be(
            $"../../blobs/{FakeHuggingFaceHub.Sha256(weights)}");
        using var checkpoint = Checkpoint.Open(snapshot.Folder);
        checkpoint.Location.Should().EndWith("model.safetensors.index.json");
        checkpoint.Tensors.Keys.Should().Equal(names);
    }

    [Fact]
    public void Without_safetensors_the_pickle_checkpoint_is_downloaded()
    {
        _hub.Files.Remove("model.safetensors");

        var snapshot = Download();

        snapshot.Files.Should().Contain("pytorch_model.bin").And.NotContain("model.safetensors");
        using var checkpoint = Checkpoint.Open(snapshot.Folder);
        checkpoint.Tensors.Should().ContainKey("shared.weight");
    }

    [Theory]
    [InlineData("\"abc123\"", "abc123")]
    [InlineData("W/\"abc123\"", "abc123")]
    [InlineData("abc123", "abc123")]
    [InlineData("\"\"", null)]
    public void Etags_lose_quotes_and_the_weak_prefix(string header, string? etag) =>
        HubDownloader.NormalizeEtag(header).Should().Be(etag);
}
