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
            "libtorch's OpenMP runtime was not found " +
            $"(found: {OpenMpRuntime.Library ?? "no libgomp beside libtorch_cpu.so"})"),
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
