using VocabTrim.DemoAssets;
using VocabTrim.TestSupport;

namespace VocabTrim.Demo.Tests;

/// <summary>The committed demo is exactly what tools/VocabTrim.DemoAssets writes from the shared data.</summary>
public class GeneratorTests
{
    private static readonly string[] DemoFolders = [DemoCorpora.Folder, DemoAssetGenerator.ModelFolder];

    [SharedDataFact]
    public void Regenerating_gives_the_committed_files_byte_for_byte_and_nothing_else()
    {
        using var dir = new TempDir();

        var report = DemoAssetGenerator.Generate(SharedData.Root, dir.Path);

        Files(dir.Path).Should().Equal(
            Files(RepositoryPaths.Root), "the generator writes every committed demo file and no other");
        report.Files.Order(StringComparer.Ordinal).Should().Equal(Files(dir.Path));
        foreach (var file in report.Files)
            Sha256(Path.Combine(dir.Path, file)).Should().Be(Sha256(Path.Combine(RepositoryPaths.Root, file)),
                $"{file} must be byte-identical to the committed one (to update it: dotnet run --project " +
                "tools/VocabTrim.DemoAssets -- --shared ../shared --out .)");
    }

    [Fact]
    public void The_committed_demo_stays_small()
    {
        // The demo is committed to git and cloned by everyone; the issue asks for about 6 MB at most.
        var bytes = Files(RepositoryPaths.Root).Sum(f => new FileInfo(Path.Combine(RepositoryPaths.Root, f)).Length);
        bytes.Should().BeInRange(1_000_000, 6_000_000);
    }

    [Fact]
    public void A_missing_shared_folder_is_named_in_the_error()
    {
        using var dir = new TempDir();
        var missing = dir.File("no-shared");

        var act = () => DemoAssetGenerator.Generate(missing, dir.File("out"));

        act.Should().Throw<DemoAssetsException>().WithMessage($"{missing}*not found*--shared*");
    }

    private static string Sha256(string path) => Convert.ToHexStringLower(
        System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(path)));

    private static List<string> Files(string root) =>
        [.. DemoFolders.SelectMany(
            folder => Directory.EnumerateFiles(Path.Combine(root, folder), "*", SearchOption.AllDirectories))
            .Select(f => Path.GetRelativePath(root, f).Replace('\\', '/')).Order(StringComparer.Ordinal)];
}
