using TorchSharp;
using VocabTrim.Inference.Mt5;

namespace VocabTrim.Inference.Tests;

public class RelativePositionBucketTests
{
    /// <summary>T5's bucketing written from its description, in doubles (floor of the log-spaced index).</summary>
    private static long ExpectedBucket(long relative, bool bidirectional, int buckets, int maxDistance)
    {
        long offset = 0;
        var n = buckets;
        long distance;
        if (bidirectional)
        {
            n /= 2;
            if (relative > 0) offset = n;
            distance = Math.Abs(relative);
        }
        else distance = Math.Max(0, -relative);
        var exact = n / 2;
        if (distance < exact) return offset + distance;
        var logBucket = exact
            + (long)(Math.Log(distance / (double)exact) / Math.Log(maxDistance / (double)exact) * (n - exact));
        return offset + Math.Min(logBucket, n - 1);
    }

    [Theory]
    [InlineData(true, 32, 128)]
    [InlineData(false, 32, 128)]
    [InlineData(true, 8, 16)]
    [InlineData(false, 64, 256)]
    [InlineData(true, 20, 50)]
    public void Buckets_match_the_definition_for_other_settings(bool bidirectional, int buckets, int maxDistance)
    {
        using var table = torch.zeros(buckets, 2);
        var bias = new RelativePositionBias(table, bidirectional, buckets, maxDistance);
        var relative = Enumerable.Range(-400, 801).Select(i => (long)i).ToArray();
        using var input = torch.tensor(relative, [1, relative.Length]);
        using var actual = bias.Buckets(input);
        var got = actual.data<long>().ToArray();
        var mismatches = relative.Select((r, i) => (r, got: got[i],
            want: ExpectedBucket(r, bidirectional, buckets, maxDistance)))
            .Where(x => x.got != x.want).ToList();
        // float32 log in the model vs double here may disagree exactly at a bucket boundary; nowhere else.
        mismatches.Where(x => Math.Abs(x.got - x.want) != 1).Should().BeEmpty();
        mismatches.Should().HaveCountLessThan(3);
        got.Should().OnlyContain(b => b >= 0 && b < buckets);
    }

    [Fact]
    public void Bias_rows_follow_the_query_offset()
    {
        // A decoder step at position p must see the bias row p of the full causal matrix.
        using var table = torch.arange(32 * 3, torch.ScalarType.Float32).view(32, 3);
        var bias = new RelativePositionBias(table, bidirectional: false, 32, 128);
        using var full = bias.Compute(10, 10);
        using var step = bias.Compute(1, 10, queryOffset: 9);
        using var lastRow = full.narrow(2, 9, 1);
        step.allclose(lastRow, rtol: 0, atol: 0).Should().BeTrue();
    }
}
