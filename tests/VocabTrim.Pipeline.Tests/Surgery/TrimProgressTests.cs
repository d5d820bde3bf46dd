using VocabTrim.Pipeline.Tests.Support;
using VocabTrim.Surgery;
using VocabTrim.TestSupport;

namespace VocabTrim.Pipeline.Tests.Surgery;

/// <summary>What a long trim shows while it writes: bytes, rate and time left.</summary>
public class TrimProgressTests
{
    [Fact]
    public void The_text_gives_bytes_rate_and_time_left()
    {
        new TrimProgress(4_000_000_000, 15_000_000_000, TimeSpan.FromSeconds(10)).ToString()
            .Should().Be("4,000 of 15,000 MB of weights written, 400 MB/s, 28 s left");
        new TrimProgress(4_000_000_000, 350_000_000_000, TimeSpan.FromSeconds(20)).ToString()
            .Should().Be("4,000 of 350,000 MB of weights written, 200 MB/s, 28 min 50 s left");
        new TrimProgress(4_000_000_000, 4_000_000_000_000, TimeSpan.FromSeconds(20)).ToString()
            .Should().Be("4,000 of 4,000,000 MB of weights written, 200 MB/s, 5 h 33 min left");
        new TrimProgress(0, 15_000_000_000, TimeSpan.Zero).ToString().Should().Be("0 of 15,000 MB of weights written");
        new TrimProgress(15_000_000_000, 15_000_000_000, TimeSpan.FromSeconds(50)).ToString()
            .Should().Be("15,000 of 15,000 MB of weights written, 300 MB/s");
        new TrimProgress(1, 4, TimeSpan.FromSeconds(1)).Fraction.Should().Be(0.25);
    }

    [Fact]
    public void A_trim_reports_every_byte_up_to_the_total_with_a_clock_that_does_not_run_backwards()
    {
        using var dir = new TempDir();
        var reports = new List<TrimProgress>();
        var report = ModelTrimmer.Trim(
            ModelFolder.Linked(dir, "mt5-tiny", ModelFolder.Safetensors), ModelFolder.KeptList("mt5-tiny"),
            dir.File("out"), new ModelTrimOptions { Progress = new SyncProgress(reports.Add) });
        reports.Should().NotBeEmpty();
        reports[^1].BytesWritten.Should().Be(reports[^1].BytesTotal);
        reports.Select(r => r.BytesTotal).Distinct().Should().ContainSingle();
        reports.Select(r => r.BytesWritten).Should().BeInAscendingOrder();
        reports.Select(r => r.Elapsed).Should().BeInAscendingOrder();
        using var trimmed = VocabTrim.Checkpoints.Checkpoint.Open(dir.File("out"));
        reports[^1].BytesTotal.Should().Be(trimmed.Tensors.Values.Sum(t => t.ByteLength));
        report.BytesAfter.Should().BeGreaterThan(reports[^1].BytesTotal);
    }

    private sealed class SyncProgress(Action<TrimProgress> report) : IProgress<TrimProgress>
    {
        public void Report(TrimProgress value) => report(value);
    }
}
