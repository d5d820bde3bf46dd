using System.Runtime.InteropServices;
using TorchSharp;
using VocabTrim.Inference.Cpu;
using VocabTrim.Inference.Tests.Support;

namespace VocabTrim.Inference.Tests;

/// <summary>
/// Where <see cref="OpenMpTeam"/> gets its threads: from the libgomp beside libtorch, whose pool libtorch's own
/// ops have started; and so a decoding scope has no reason to take them from libtorch. Alone in its collection, since
/// every generation elsewhere sets libtorch's thread count to one for its decoding steps, and an op run then starts no
/// worker.
/// </summary>
[Collection(TorchThreadCountCollection.Name)]
public class OpenMpTeamTests
{
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
        Environment.ProcessorCount.Should().BeGreaterThanOrEqualTo(2,
            "the test needs a second core for a second thread");
        var threads = torch.get_num_threads();
        HashSet<int> before;
        try
        {
            torch.set_num_threads(2);
            using var a = torch.randn(256, 256);
            a.mm(a).Dispose();   // MKL runs it in a parallel region of this thread's pool
            before = Directory.GetDirectories("/proc/self/task")
                .Select(d => int.Parse(Path.GetFileName(d))).ToHashSet();
        }
        finally { torch.set_num_threads(threads); }

        using var team = OpenMpTeam.TryCreate(2)!;
        var job = new NativeThreads();
        team.Run(job);

        job.Ids[0].Should().Be(gettid(), "part 0 runs on the calling thread");
        job.Ids[1].Should().NotBe(job.Ids[0]);
        before.Should().Contain(job.Ids[1],
            "the other part runs on a thread libtorch had already started, not a new one");
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
        OpenMpRuntime.Find(maps.Where(l => !l.Contains("libgomp-")))
            .Should().BeNull("a libgomp elsewhere is not the one libtorch uses");
        OpenMpRuntime.Find(maps.Where(l => !l.Contains("libtorch_cpu")))
            .Should().BeNull("without libtorch there is no pool to share");
    }

    [Fact]
    public void A_decoding_scope_leaves_libtorchs_thread_count_alone_where_its_products_share_those_threads()
    {
        var threads = torch.get_num_threads();
        using (DecodingThreads.Enter())
        {
            torch.get_num_threads().Should().Be(threads);
            FewRowProduct.Threads.Should().Be(threads);
            using (DecodingThreads.Enter()) FewRowProduct.Threads.Should().Be(threads,
                "an inner scope changes nothing");
            FewRowProduct.Threads.Should().Be(threads);
        }
        FewRowProduct.Threads.Should().Be(0);
        torch.get_num_threads().Should().Be(threads);
    }
}
