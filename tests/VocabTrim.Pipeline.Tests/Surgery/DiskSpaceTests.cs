using VocabTrim.Pipeline.Tests.Support;
using VocabTrim.Surgery;
using VocabTrim.TestSupport;

namespace VocabTrim.Pipeline.Tests.Surgery;

/// <summary>The trimmer refuses, before writing anything, an output its file system cannot hold.</summary>
public class DiskSpaceTests
{
    private sealed class FakeFreeSpace(long available) : IFreeSpace
    {
        public List<string> Asked { get; } = [];

        public (string MountPoint, long AvailableBytes) Of(string path)
        {
            Asked.Add(path);
            return ("/data", available);
        }
    }

    [Fact]
    public void Too_little_space_fails_in_one_line_and_writes_nothing()
    {
        using var dir = new TempDir();
        var folder = ModelFolder.Linked(dir, "mt5-tiny", ModelFolder.Safetensors);
        var free = new FakeFreeSpace(1_000_000);
        var trim = () =>
            ModelTrimmer.Trim(
                folder, ModelFolder.KeptList("mt5-tiny"), dir.File("out"), new ModelTrimOptions { FreeSpace = free });

        // The trimmed weights alone are over 1 MB, and headers, configs, tokenizer and vocabtrim.json come on top.
        trim.Should().Throw<ModelTrimException>().WithMessage($"{dir.File("out")}: needs * MB on /data, 1.0 MB free");
        free.Asked.Should().Equal(dir.File("out"));
        Directory.EnumerateFileSystemEntries(dir.Path).Select(Path.GetFileName).Should()
            .Equal(Path.GetFileName(folder));
    }

    [Fact]
    public void The_message_gives_needed_and_free_space_in_gigabytes_on_the_mount_point()
    {
        var check = () => DiskSpace.Ensure(new FakeFreeSpace(120_400_000_000), "/data/bloomz-en", 350_200_000_000);
        check.Should().Throw<ModelTrimException>().WithMessage(
            "/data/bloomz-en: needs 350.2 GB on /data, 120.4 GB free");
        DiskSpace.Ensure(new FakeFreeSpace(350_200_000_000), "/data/bloomz-en", 350_200_000_000);
    }

    [Fact]
    public void Enough_space_trims_as_before()
    {
        using var dir = new TempDir();
        var folder = ModelFolder.Linked(dir, "mt5-tiny", ModelFolder.Safetensors);
        var report = ModelTrimmer.Trim(
            folder, ModelFolder.KeptList("mt5-tiny"), dir.File("out"),
            new ModelTrimOptions { FreeSpace = new FakeFreeSpace(10_000_000) });
        report.BytesAfter.Should().BeLessThan(10_000_000);
    }

    [Fact]
    public void The_real_file_system_reports_its_mount_point_and_the_free_space_statvfs_gives()
    {
        using var dir = new TempDir();
        var (mount, available) = FileSystemFreeSpace.Instance.Of(dir.File("not/yet/there"));
        dir.Path.Should().StartWith(mount);
        // Other processes write to the same disk, so the two readings may differ a little.
        available.Should().BeGreaterThan(0).And.BeCloseTo(new DriveInfo(mount).AvailableFreeSpace, 1_000_000_000);
        var needTooMuch = () => DiskSpace.Ensure(FileSystemFreeSpace.Instance, dir.File("out"), long.MaxValue);
        needTooMuch.Should().Throw<ModelTrimException>().WithMessage($"*needs * GB on {mount}, * GB free");
    }
}
