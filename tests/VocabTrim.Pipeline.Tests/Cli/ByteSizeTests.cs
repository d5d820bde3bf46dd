using VocabTrim.Checkpoints.Sharding;
using VocabTrim.Cli;

namespace VocabTrim.Pipeline.Tests.Cli;

public class ByteSizeTests
{
    [Theory]
    [InlineData("5GB", 5_000_000_000L)]
    [InlineData("500MB", 500_000_000L)]
    [InlineData("1.5GB", 1_500_000_000L)]
    [InlineData("2GiB", 2L << 30)]
    [InlineData("100kb", 100_000L)]
    [InlineData("4096", 4096L)]
    public void Sizes_read_as_transformers_reads_max_shard_size(string text, long bytes) =>
        ByteSize.Parse(text).Should().Be(bytes);

    [Theory]
    [InlineData("")]
    [InlineData("GB")]
    [InlineData("-1GB")]
    [InlineData("0")]
    [InlineData("5 XB")]
    public void Other_text_is_a_usage_error(string text) =>
        FluentActions.Invoking(() => ByteSize.Parse(text)).Should().Throw<FormatException>();
}
