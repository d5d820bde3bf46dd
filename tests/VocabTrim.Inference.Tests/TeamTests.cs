using System.Runtime.InteropServices;
using TorchSharp;
using VocabTrim.Inference.Cpu;

namespace VocabTrim.Inference.Tests;

/// <summary>
/// The contract of <see cref="ITeam"/>, held by both kinds: a team of its own threads, and libtorch's OpenMP
/// threads (which exist wherever TorchSharp's Linux libtorch runs, CI included).
/// </summary>
public class TeamTests
{
    public enum Kind { Threads, OpenMp }

    private static ITeam New(Kind kind, int size) => kind switch
    {
        Kind.Threads => new ThreadTeam(size),
        _ => OpenMpTeam.TryCreate(size) ?? throw new InvalidOperationException(
            $"libtorch's OpenMP runtime was not found (found: {OpenMpRuntime.Library ?? "no libgomp beside libtorch_cpu.so"})"),
    };

    private sealed class Recording(int count) : TeamJob
    {
        public readonly int[] Hits = new int[count];
        public readonly int[] Threads = new int[count];

        public override void Run(int part, int parts)
        {
            var (first, end) = Share(Hits.Length, part, parts, grain: 3);
            for (var i = first; i < end; i++)
            {
                Interlocked.Increment(ref Hits[i]);
                Threads[i] = Environment.CurrentManagedThreadId;
            }
        }
    }

    private sealed class Failing : TeamJob
    {
        public override void Run(int part, int parts)
        {
            if (part == parts - 1) throw new InvalidDataException($"part {part}");
        }
    }

    [Theory]
    [InlineData(Kind.Threads, 1)]
    [InlineData(Kind.Threads, 2)]
    [InlineData(Kind.Threads, 3)]
    [InlineData(Kind.OpenMp, 1)]
    [InlineData(Kind.OpenMp, 2)]
    [InlineData(Kind.OpenMp, 3)]
    public void Every_index_is_run_exactly_once_per_job_and_the_work_is_shared(Kind kind, int size)
    {
        using var team = New(kind, size);
        for (var round = 0; round < 200; round++)
        {
            var job = new Recording(101);
            team.Run(job);
            job.Hits.Should().AllSatisfy(h => h.Should().Be(1));
            job.Threads.Distinct().Should().HaveCount(team.Size);
        }
    }

    [Theory]
    [InlineData(Kind.Threads)]
    [InlineData(Kind.OpenMp)]
    public void A_team_has_at_most_one_thread_per_processor(Kind kind)
    {
        using var team = New(kind, Environment.ProcessorCount + 3);
        team.Size.Should().Be(Environment.ProcessorCount);
        using var single = New(kind, 0);
        single.Size.Should().Be(1);
    }

    [Theory]
    [InlineData(Kind.Threads)]
    [InlineData(Kind.OpenMp)]
    public void Workers_that_fell_asleep_wake_for_the_next_job(Kind kind)
    {
        using var team = New(kind, 2);
        team.Run(new Recording(10));
        Thread.Sleep(50);  // far past either kind's idle spin: the worker waits on its event or futex now
        var job = new Recording(10);
        team.Run(job);
        job.Hits.Should().AllSatisfy(h => h.Should().Be(1));
        job.Threads.Distinct().Should().HaveCount(2);
    }

    [Theory]
    [InlineData(Kind.Threads)]
    [InlineData(Kind.OpenMp)]
    public void A_part_that_throws_fails_the_run_and_the_team_goes_on(Kind kind)
    {
        using var team = New(kind, 2);
        var act = () => team.Run(new Failing());
        act.Should().Throw<AggregateException>().WithInnerException<InvalidDataException>().WithMessage("part 1");
        var job = new Recording(8);
        team.Run(job);
        job.Hits.Should().AllSatisfy(h => h.Should().Be(1));
    }

    [Theory]
    [InlineData(Kind.Threads)]
    [InlineData(Kind.OpenMp)]
    public void A_disposed_team_refuses_work(Kind kind)
    {
        var team = New(kind, 2);
        team.Dispose();
        var act = () => team.Run(new Recording(4));
        act.Should().Throw<ObjectDisposedException>();
    }

    [DllImport("libc")]
    private static extern int gettid();

    private sealed class NativeThreads : TeamJob
    {
        public readonly int[] Ids = new int[2];

        public override void Run(int part, int parts) => Ids[part] = gettid();
    }

    [Fact]
    public void The_OpenMP_team_runs_on_the_threads_libtorch_started_for_its_own_ops()
    {
        Environment.ProcessorCount.Should().BeGreaterThanOrEqualTo(2, "the test needs a second core for a second thread");
        torch.get_num_threads().Should().BeGreaterThanOrEqualTo(2);
        using (var a = torch.randn(256, 256)) a.mm(a).Dispose();   // MKL runs it in a parallel region of this thread's pool
        var before = Directory.GetDirectories("/proc/self/task").Select(d => int.Parse(Path.GetFileName(d))).ToHashSet();

        using var team = OpenMpTeam.TryCreate(2)!;
        var job = new NativeThreads();
        team.Run(job);

        job.Ids[0].Should().Be(gettid(), "part 0 runs on the calling thread");
        job.Ids[1].Should().NotBe(job.Ids[0]);
        before.Should().Contain(job.Ids[1], "the other part runs on a thread libtorch had already started, not a new one");
        Path.GetDirectoryName(OpenMpRuntime.Library).Should().EndWith(Path.Combine("runtimes", "linux-x64", "native"));
    }

    [Fact]
    public void The_runtime_is_the_libgomp_beside_libtorch_and_no_other()
    {
        string[] maps =
        [
            "7f0000000000-7f0000001000 r-xp 00000000 08:01 11 /usr/lib/x86_64-linux-gnu/libgomp.so.1.0.0",
            "7f0000002000-7f0000003000 r-xp 00000000 08:01 12 /app/runtimes/linux-x64/native/libtorch_cpu.so",
            "7f0000004000-7f0000005000 r-xp 00000000 08:01 13 /app/runtimes/linux-x64/native/libgomp-98b21ff3.so.1",
            "7f0000006000-7f0000007000 rw-p 00000000 00:00 0 [heap]",
        ];
        OpenMpRuntime.Find(maps).Should().Be("/app/runtimes/linux-x64/native/libgomp-98b21ff3.so.1");
        OpenMpRuntime.Find(maps.Where(l => !l.Contains("libgomp-"))).Should().BeNull("a libgomp elsewhere is not the one libtorch uses");
        OpenMpRuntime.Find(maps.Where(l => !l.Contains("libtorch_cpu"))).Should().BeNull("without libtorch there is no pool to share");
    }

    [Theory]
    [InlineData(10, 1, 4)]
    [InlineData(10, 2, 4)]
    [InlineData(47104, 2, 4)]
    [InlineData(7, 3, 1)]
    [InlineData(2, 4, 4)]
    public void Shares_tile_the_range_in_whole_grains(long count, int parts, int grain)
    {
        var next = 0L;
        for (var part = 0; part < parts; part++)
        {
            var (first, end) = TeamJob.Share(count, part, parts, grain);
            first.Should().Be(next);
            end.Should().BeGreaterThanOrEqualTo(first);
            if (end < count) (end % grain).Should().Be(0);
            next = end;
        }
        next.Should().Be(count);
    }
}
