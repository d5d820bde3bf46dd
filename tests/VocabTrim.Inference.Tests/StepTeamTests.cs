using VocabTrim.Inference.Cpu;

namespace VocabTrim.Inference.Tests;

public class StepTeamTests
{
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
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Every_index_is_run_exactly_once_per_job_and_the_work_is_shared(int size)
    {
        using var team = new StepTeam(size);
        for (var round = 0; round < 200; round++)
        {
            var job = new Recording(101);
            team.Run(job);
            job.Hits.Should().AllSatisfy(h => h.Should().Be(1));
            job.Threads.Distinct().Should().HaveCount(team.Size);
        }
    }

    [Fact]
    public void A_team_has_at_most_one_thread_per_processor()
    {
        using var team = new StepTeam(Environment.ProcessorCount + 3);
        team.Size.Should().Be(Environment.ProcessorCount);
        using var single = new StepTeam(0);
        single.Size.Should().Be(1);
    }

    [Fact]
    public void Workers_that_fell_asleep_wake_for_the_next_job()
    {
        using var team = new StepTeam(2);
        team.Run(new Recording(10));
        Thread.Sleep(50);  // far past the idle spin: the worker waits on its event now
        var job = new Recording(10);
        team.Run(job);
        job.Hits.Should().AllSatisfy(h => h.Should().Be(1));
        job.Threads.Distinct().Should().HaveCount(2);
    }

    [Fact]
    public void A_part_that_throws_fails_the_run_and_the_team_goes_on()
    {
        using var team = new StepTeam(2);
        var act = () => team.Run(new Failing());
        act.Should().Throw<AggregateException>().WithInnerException<InvalidDataException>().WithMessage("part 1");
        var job = new Recording(8);
        team.Run(job);
        job.Hits.Should().AllSatisfy(h => h.Should().Be(1));
    }

    [Fact]
    public void A_disposed_team_refuses_work()
    {
        var team = new StepTeam(2);
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
