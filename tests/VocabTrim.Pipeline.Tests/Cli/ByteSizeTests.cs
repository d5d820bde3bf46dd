using System.Text.Json;
using VocabTrim.Checkpoints.Sharding;
using VocabTrim.Cli;
using VocabTrim.TestSupport;

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
    [InlineData("5GB", "5GB")]
    [InlineData("5gb", "5GB")]
    [InlineData(" 1.5 mb ", "1.5MB")]
    [InlineData("2gib", "2GiB")]
    [InlineData("100Kb", "100KB")]
    [InlineData("64b", "64B")]
    [InlineData("4096", "4096")]
    public void A_size_is_spelled_as_the_recipe_schema_wants_it(string text, string canonical)
    {
        ByteSize.Canonical(text).Should().Be(canonical);
        ByteSize.Parse(canonical).Should().Be(ByteSize.Parse(text));
        var schemaFile = Path.Combine(RepositoryPaths.Root, "recipes.schema.json");
        using var schema = JsonDocument.Parse(File.ReadAllBytes(schemaFile));
        var pattern = schema.RootElement.GetProperty("properties").GetProperty("maxShardSize").GetProperty("pattern");
        canonical.Should().MatchRegex(pattern.GetString()!, "a recipe.json holding it must pass recipe check");
    }

    [Theory]
    [InlineData("")]
    [InlineData("GB")]
    [InlineData("-1GB")]
    [InlineData("0")]
    [InlineData("5 XB")]
    public void Other_text_is_a_usage_error(string text) =>
        FluentActions.Invoking(() => ByteSize.Parse(text)).Should().Throw<FormatException>();
}
