using VocabTrim.TestSupport;

namespace VocabTrim.Pipeline.Tests.Cli;

public sealed class ModelCommandTests : IDisposable
{
    private readonly TempDir _dir = new();
    private readonly FakeHuggingFaceHub _hub = new();

    public void Dispose()
    {
        _hub.Dispose();
        _dir.Dispose();
    }

    private string[] Hub(params string[] args) =>
        [.. args, "--endpoint", _hub.Server.Origin.ToString(), "--cache", _dir.File("hub")];

    [Fact]
    public void Fetch_prints_the_snapshot_folder_and_then_finds_it_in_the_cache()
    {
        var run = CliRun.Of(Hub("model", "fetch", FakeHuggingFaceHub.RepoId));

        run.ExitCode.Should().Be(0, run.ToString());
        var folder = Path.Combine(_dir.File("hub"), "models--tiny-org--mt5-tiny", "snapshots", _hub.Commit);
        run.Output.Should().Be(folder + Environment.NewLine, "stdout is only the folder, for scripts");
        File.ReadAllBytes(Path.Combine(folder, "model.safetensors")).Should().Equal(_hub.Files["model.safetensors"]);
        run.Error.Should().Contain(
            "model.safetensors: 1.3 of 1.3 MB (100 %)", "redirected progress ends each file with a plain line")
            .And.Contain($"{FakeHuggingFaceHub.RepoId}: downloaded commit {_hub.Commit}");

        var requests = _hub.Requests.Count();
        var again = CliRun.Of(
            Hub("model", "fetch", FakeHuggingFaceHub.RepoId, "--revision", _hub.Commit, "--offline", "--quiet"));
        again.ExitCode.Should().Be(0, again.ToString());
        again.Output.Should().Be(folder + Environment.NewLine);
        again.Error.Should().BeEmpty();
        _hub.Requests.Count().Should().Be(requests);
    }

    [Fact]
    public void A_refused_or_unknown_model_is_one_line_and_exit_code_1()
    {
        _hub.RequiredToken = "hf_secret";
        var gated = CliRun.Of(Hub("model", "fetch", FakeHuggingFaceHub.RepoId, "--quiet"));
        var unknown = CliRun.Of(Hub("model", "fetch", "tiny-org/missing", "--offline"));

        gated.ExitCode.Should().Be(1);
        gated.Error.Should().StartWith(
            $"vocabtrim: {FakeHuggingFaceHub.RepoId}: the model is gated or private: set HF_TOKEN")
            .And.EndWith("answered 401 Unauthorized)" + Environment.NewLine);
        unknown.ExitCode.Should().Be(1);
        unknown.Error.Should().StartWith("vocabtrim: tiny-org/missing@main: not in the Hugging Face cache")
            .And.Contain("HF_HUB_OFFLINE");
        gated.Output.Should().BeEmpty();
    }
}
