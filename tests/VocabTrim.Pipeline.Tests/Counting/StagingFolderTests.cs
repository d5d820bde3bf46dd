using VocabTrim.Common;
using VocabTrim.TestSupport;

namespace VocabTrim.Pipeline.Tests.Counting;

public class StagingFolderTests
{
    [Fact]
    public void Nothing_reaches_the_target_when_writing_fails_before_the_commit()
    {
        using var dir = new TempDir();
        var target = dir.File("out");
        Directory.CreateDirectory(target);
        File.WriteAllText(Path.Combine(target, "spiece.model"), "old");

        var act = () =>
        {
            using var staging = new StagingFolder(target);
            File.WriteAllText(staging.File("spiece.model"), "half");
            throw new IOException("disk full");
        };

        act.Should().Throw<IOException>();
        File.ReadAllText(Path.Combine(target, "spiece.model")).Should().Be("old");
        Directory.GetFileSystemEntries(dir.Path).Should().Equal(target);
    }

    [Fact]
    public void Committing_into_an_existing_folder_replaces_its_files_and_keeps_the_others()
    {
        using var dir = new TempDir();
        var target = dir.File("out");
        Directory.CreateDirectory(target);
        File.WriteAllText(Path.Combine(target, "spiece.model"), "old");
        File.WriteAllText(Path.Combine(target, "config.json"), "mine");

        using (var staging = new StagingFolder(target))
        {
            File.WriteAllText(staging.File("spiece.model"), "new");
            staging.Commit();
        }

        File.ReadAllText(Path.Combine(target, "spiece.model")).Should().Be("new");
        File.ReadAllText(Path.Combine(target, "config.json")).Should().Be("mine");
        Directory.GetFileSystemEntries(dir.Path).Should().Equal(target);
    }

    [Fact]
    public void Committing_without_overwrite_moves_nothing_when_a_file_is_already_there()
    {
        using var dir = new TempDir();
        var target = dir.File("out");
        Directory.CreateDirectory(target);
        File.WriteAllText(Path.Combine(target, "spiece.model"), "theirs");

        var act = () =>
        {
            using var staging = new StagingFolder(target);
            File.WriteAllText(staging.File("a.txt"), "mine");
            File.WriteAllText(staging.File("spiece.model"), "mine");
            staging.Commit(overwrite: false);
        };

        act.Should().Throw<OutputExistsException>().WithMessage($"{target}/spiece.model: already exists*");
        Directory.GetFiles(target).Select(Path.GetFileName).Should().Equal(
            ["spiece.model"], "nothing was moved, not even a.txt");
        File.ReadAllText(Path.Combine(target, "spiece.model")).Should().Be("theirs");
        Directory.GetFileSystemEntries(dir.Path).Should().Equal(target);
    }

    [Fact]
    public void A_new_target_is_created_with_its_missing_parents()
    {
        using var dir = new TempDir();
        var target = Path.Combine(dir.Path, "a", "b");

        using (var staging = new StagingFolder(target + "/"))
        {
            File.WriteAllText(staging.File("x.txt"), "x");
            staging.Commit();
        }

        File.ReadAllText(Path.Combine(target, "x.txt")).Should().Be("x");
        Directory.GetFileSystemEntries(Path.Combine(dir.Path, "a")).Should().Equal(target);
    }
}
