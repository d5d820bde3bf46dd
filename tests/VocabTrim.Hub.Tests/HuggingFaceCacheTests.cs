using VocabTrim.TestSupport;

namespace VocabTrim.Hub.Tests;

public sealed class HuggingFaceCacheTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Paths_follow_the_huggingface_hub_layout()
    {
        var cache = new HuggingFaceCache(_dir.Path);
        var repo = Path.Combine(_dir.Path, "models--bigscience--mt0-xl");

        cache.RepoFolder("bigscience/mt0-xl").Should().Be(repo);
        cache.RepoFolder("gpt2").Should().Be(Path.Combine(_dir.Path, "models--gpt2"));
        cache.RefPath("bigscience/mt0-xl", "refs/pr/1").Should().Be(Path.Combine(repo, "refs", "refs", "pr", "1"));
        cache.BlobPath("bigscience/mt0-xl", "abc").Should().Be(Path.Combine(repo, "blobs", "abc"));
        cache.IncompletePath("bigscience/mt0-xl", "abc").Should().Be(Path.Combine(repo, "blobs", "abc.incomplete"));
        cache.SnapshotFile("bigscience/mt0-xl", "c0ffee", "onnx/model.onnx").Should().Be(
            Path.Combine(repo, "snapshots", "c0ffee", "onnx", "model.onnx"));
    }

    [Fact]
    public void Find_follows_a_branch_ref_or_takes_a_commit_hash_directly()
    {
        var snapshot = PythonWrittenCache.Write(_dir.Path, "org/tiny", branch: "main");
        var cache = new HuggingFaceCache(_dir.Path);

        cache.Find("org/tiny").Should().Be(new CachedSnapshot("org/tiny", PythonWrittenCache.Commit, snapshot));
        cache.Find("org/tiny", "main")!.Folder.Should().Be(snapshot);
        cache.Find("org/tiny", PythonWrittenCache.Commit)!.Folder.Should().Be(snapshot);
        cache.Find("org/tiny", "v2").Should().BeNull("no ref for that tag");
        cache.Find("org/other").Should().BeNull();
        cache.Find("org/tiny", new string('f', 40)).Should().BeNull("no snapshot of that commit");
    }

    [Fact]
    public void Links_are_relative_also_for_nested_files_and_refs_are_bare_hashes()
    {
        var cache = new HuggingFaceCache(_dir.Path);
        Directory.CreateDirectory(Path.GetDirectoryName(cache.BlobPath("o/m", "e1"))!);
        File.WriteAllText(cache.BlobPath("o/m", "e1"), "x");

        var top = cache.Link("o/m", PythonWrittenCache.Commit, "config.json", "e1");
        var nested = cache.Link("o/m", PythonWrittenCache.Commit, "onnx/config.json", "e1");
        cache.WriteRef("o/m", "main", PythonWrittenCache.Commit);
        cache.WriteRef("o/m", PythonWrittenCache.Commit, PythonWrittenCache.Commit);

        new FileInfo(top).LinkTarget.Should().Be("../../blobs/e1");
        new FileInfo(nested).LinkTarget.Should().Be("../../../blobs/e1");
        File.ReadAllText(nested).Should().Be("x");
        File.ReadAllText(cache.RefPath("o/m", "main")).Should().Be(PythonWrittenCache.Commit);
        Directory.EnumerateFiles(Path.Combine(cache.RepoFolder("o/m"), "refs")).Should()
            .ContainSingle("a commit hash needs no ref");
        Directory.EnumerateFiles(cache.SnapshotFolder("o/m", PythonWrittenCache.Commit)).Should().ContainSingle(
            "no temporary link is left behind");
    }
}
