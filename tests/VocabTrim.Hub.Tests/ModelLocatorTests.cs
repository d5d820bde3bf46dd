using VocabTrim.Checkpoints;
using VocabTrim.TestSupport;

namespace VocabTrim.Hub.Tests;

public sealed class ModelLocatorTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private string CacheDir => _dir.File("hub");

    // Nothing listens on port 1: any attempt to use the network fails loudly.
    private HubOptions NoServer(bool offline = false) => new(new Uri("http://127.0.0.1:1/"), null, CacheDir, offline);

    [Fact]
    public void An_existing_model_folder_wins()
    {
        var folder = SharedData.Reference("mt5-tiny");

        var model = ModelLocator.Resolve(folder, revision: "main", NoServer());

        model.Should().Be(new ResolvedModel(Path.GetFullPath(folder), null, null, ModelSource.Folder));
    }

    [Fact]
    public void A_folder_without_config_json_is_an_error_naming_it()
    {
        Directory.CreateDirectory(_dir.File("not-a-model"));

        FluentActions.Invoking(() => ModelLocator.Resolve(_dir.File("not-a-model"), null, NoServer()))
            .Should().Throw<HubException>().WithMessage(
                $"{_dir.File("not-a-model")}: not a model folder: it has no config.json");
    }

    [Theory]
    [InlineData("./missing-model")]
    [InlineData("/no/such/model/folder")]
    [InlineData("a/b/c")]
    [InlineData("bad--name")]
    public void A_missing_path_or_malformed_id_is_not_sent_to_the_hub(string model) =>
        FluentActions.Invoking(() => ModelLocator.Resolve(model, null, NoServer()))
            .Should().Throw<HubException>().WithMessage($"{model}: no such folder, and not a hub model id (org/name)");

    [Fact]
    public void A_cached_hub_id_resolves_without_any_server_by_branch_and_by_commit()
    {
        var snapshot = PythonWrittenCache.Write(CacheDir, "org/tiny");

        var byBranch = ModelLocator.Resolve("org/tiny", null, NoServer());
        var byCommit = ModelLocator.Resolve("org/tiny", PythonWrittenCache.Commit, NoServer());

        byBranch.Should().Be(new ResolvedModel(snapshot, "org/tiny", PythonWrittenCache.Commit, ModelSource.Hub));
        byCommit.Should().Be(byBranch);
        using var checkpoint = Checkpoint.Open(byBranch.Folder);
        checkpoint.Tensors.Should().ContainKey("shared.weight");
    }

    [Fact]
    public void A_commit_hash_needs_only_the_snapshot_not_a_ref()
    {
        var snapshot = PythonWrittenCache.Write(CacheDir, "org/tiny", branch: null);

        ModelLocator.Resolve("org/tiny", PythonWrittenCache.Commit, NoServer(offline: true)).Folder.Should()
            .Be(snapshot);
        FluentActions.Invoking(() => ModelLocator.Resolve("org/tiny", "main", NoServer(offline: true)))
            .Should().Throw<HubException>().WithMessage(
                "org/tiny@main: not in the Hugging Face cache (looked for *models--org--tiny*refs*main) and " +
                "HF_HUB_OFFLINE is set*");
    }

    [Fact]
    public void Offline_with_an_incomplete_snapshot_names_what_is_missing()
    {
        PythonWrittenCache.Write(CacheDir, "org/tiny", "main", "config.json");

        FluentActions.Invoking(() => ModelLocator.Resolve("org/tiny", null, NoServer(offline: true)))
            .Should().Throw<HubException>().WithMessage(
                "org/tiny@main: not in the Hugging Face cache (its snapshot * lacks model weights*) and " +
                "HF_HUB_OFFLINE is set*");
    }

    [Fact]
    public void An_uncached_id_is_downloaded_once_and_then_found_in_the_cache()
    {
        using var hub = new FakeHuggingFaceHub();
        var options = hub.Options(CacheDir);

        var first = ModelLocator.Resolve(FakeHuggingFaceHub.RepoId, null, options);
        var requests = hub.Requests.Count();
        var second = ModelLocator.Resolve(FakeHuggingFaceHub.RepoId, "main", options);
        var third = ModelLocator.Resolve(FakeHuggingFaceHub.RepoId, hub.Commit, options);

        first.Should().Match<ResolvedModel>(m => m.Source == ModelSource.Hub && m.Downloaded);
        first.Commit.Should().Be(hub.Commit);
        File.Exists(Path.Combine(first.Folder, "config.json")).Should().BeTrue();
        second.Should().Be(first with { Downloaded = false });
        third.Should().Be(second);
        hub.Requests.Count().Should().Be(requests, "a cached revision needs no network");
    }

    [Fact]
    public async Task An_incomplete_cached_snapshot_is_completed_from_the_hub()
    {
        using var hub = new FakeHuggingFaceHub();
        var options = hub.Options(CacheDir);
        using (var downloader = new HubDownloader(options)) await downloader.DownloadAsync(FakeHuggingFaceHub.RepoId);
        var weights = Path.Combine(
            CacheDir, "models--tiny-org--mt5-tiny", "snapshots", hub.Commit, "model.safetensors");
        File.Delete(weights);

        var model = ModelLocator.Resolve(FakeHuggingFaceHub.RepoId, null, options);

        model.Downloaded.Should().BeTrue();
        File.ReadAllBytes(weights).Should().Equal(hub.Files["model.safetensors"]);
        var cdn = $"/cdn/{FakeHuggingFaceHub.Sha256(hub.Files["model.safetensors"])}";
        hub.Requests.Where(r => r.Method == "GET" && r.Path == cdn).Should().ContainSingle(
            "the blob was still cached, so it is linked again without a second transfer");
    }

    [Fact]
    public void Offline_with_an_empty_cache_says_where_it_looked_and_makes_no_request()
    {
        using var hub = new FakeHuggingFaceHub();

        FluentActions.Invoking(
            () => ModelLocator.Resolve(FakeHuggingFaceHub.RepoId, null, hub.Options(CacheDir, offline: true)))
            .Should().Throw<HubException>().WithMessage(
                $"{FakeHuggingFaceHub.RepoId}@main: not in the Hugging Face cache (looked for " +
                $"{CacheDir}/models--tiny-org--mt5-tiny/refs/main) and HF_HUB_OFFLINE is set, so nothing is " +
                "downloaded");
        hub.Requests.Should().BeEmpty();
    }
}
