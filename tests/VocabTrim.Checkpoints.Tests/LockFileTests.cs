using System.Diagnostics;
using VocabTrim.Common;
using VocabTrim.TestSupport;

namespace VocabTrim.Checkpoints.Tests;

/// <summary>
/// The locks that keep a sweep from deleting live work, held by another real process (util-linux <c>flock</c>, which
/// takes the same flock(2) lock .NET takes for FileShare.None) and released by the OS when that process is killed.
/// </summary>
public sealed class LockFileTests : IDisposable
{
    private readonly TempDir _temp = new();

    public void Dispose() => _temp.Dispose();

    /// <summary>Another process holding <paramref name="path"/> locked until killed.</summary>
    private static Process HoldElsewhere(string path)
    {
        var holder = Process.Start(
            new ProcessStartInfo(
                "flock", ["--exclusive", "--nonblock", "--close", path, "sleep", "60"])
            { UseShellExecute = false })!;
        // Only flock itself holds the lock (--close: not its sleep), so the lock goes when flock is reaped.
        // flock creates the file, then locks it: wait until this process can no longer lock it.
        for (var i = 0; i < 1000 && !holder.HasExited; i++)
        {
            if (File.Exists(path))
            {
                try { using var probe = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.None); }
                catch (IOException) { return holder; }
            }
            Thread.Sleep(5);
        }
        throw new InvalidOperationException("flock did not take the lock");
    }

    private static void Kill(Process holder)
    {
        holder.Kill(entireProcessTree: true);
        holder.WaitForExit();
        holder.Dispose();
    }

    [Fact]
    public void A_lock_another_process_holds_cannot_be_taken_until_that_process_is_killed()
    {
        var path = _temp.File("x.lock");
        var holder = HoldElsewhere(path);

        LockFile.TryTake(path, create: true).Should().BeNull();
        Kill(holder);
        using var taken = LockFile.TryTake(path, create: false);

        taken.Should().NotBeNull("the operating system dropped the killed process's lock");
        LockFile.TryTake(path, create: true).Should().BeNull("this process holds it now, through another handle");
        taken!.Dispose();
        File.Exists(path).Should().BeFalse("releasing removes the file");
    }

    [Fact]
    public void A_sweep_removes_work_folders_whose_lock_is_free_and_keeps_those_whose_lock_is_held()
    {
        var target = _temp.File("out");
        var dead = _temp.File($".out.vocabtrim-tmp-{Guid.NewGuid():N}");
        var live = _temp.File($".out.vocabtrim-tmp-{Guid.NewGuid():N}");
        foreach (var folder in new[] { dead, live })
        {
            Directory.CreateDirectory(folder);
            File.WriteAllText(Path.Combine(folder, "model.safetensors"), "half");
        }
        File.WriteAllText(dead + ".lock", "");
        var holder = HoldElsewhere(live + ".lock");
        try
        {
            WorkFolder.RemoveAbandoned(target);

            Directory.Exists(dead).Should().BeFalse();
            File.Exists(dead + ".lock").Should().BeFalse();
            Directory.Exists(live).Should().BeTrue();
            File.Exists(live + ".lock").Should().BeTrue();
        }
        finally { Kill(holder); }

        WorkFolder.RemoveAbandoned(target);
        Directory.GetFileSystemEntries(_temp.Path).Should().BeEmpty("its process is gone now");
    }

    [Fact]
    public void An_atomic_write_removes_temporaries_of_dead_writers_and_keeps_a_live_one()
    {
        var path = _temp.File("report.json");
        var dead = $"{path}.tmp-1-{Guid.NewGuid():N}";
        File.WriteAllText(dead, "half");
        var live = $"{path}.tmp-2-{Guid.NewGuid():N}";
        var holder = HoldElsewhere(live);
        try
        {
            AtomicFile.Write(path, s => s.Write("{}"u8));

            File.ReadAllText(path).Should().Be("{}");
            File.Exists(dead).Should().BeFalse();
            File.Exists(live).Should().BeTrue("another process is still writing it");
        }
        finally { Kill(holder); }
    }

    [Fact]
    public void An_atomic_write_without_overwrite_leaves_an_existing_file_alone_and_no_temporary()
    {
        var path = _temp.File("keep.json");
        File.WriteAllText(path, "mine");

        var write = () => AtomicFile.Write(path, s => s.Write("{}"u8), overwrite: false);

        write.Should().Throw<OutputExistsException>().WithMessage($"{path}: already exists; *--force");
        File.ReadAllText(path).Should().Be("mine");
        Directory.GetFileSystemEntries(_temp.Path).Should().Equal([path]);
    }

    [Fact]
    public void An_output_lock_is_refused_while_held_and_leaves_no_file_when_released()
    {
        var target = _temp.File("out");
        using (OutputLock.Take(target))
        {
            var second = () => OutputLock.Take(target);
            second.Should().Throw<OutputBusyException>().WithMessage(
                $"{target}: another vocabtrim run is writing this output*");
        }

        Directory.GetFileSystemEntries(_temp.Path).Should().BeEmpty();
    }
}
