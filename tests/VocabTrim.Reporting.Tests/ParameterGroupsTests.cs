using VocabTrim.Surgery;
using VocabTrim.TestSupport;

namespace VocabTrim.Reporting.Tests;

public class ParameterGroupsTests
{
    /// <summary>
    /// The reference model's configs plus one weight file, linked (never copied) into a temporary folder.
    /// </summary>
    private static string Linked(TempDir dir, string reference, string weights)
    {
        var folder = dir.File($"{reference}-{weights}");
        Directory.CreateDirectory(folder);
        foreach (var file in new[] { "config.json", "generation_config.json", weights })
            File.CreateSymbolicLink(Path.Combine(folder, file), Path.Combine(SharedData.Reference(reference), file));
        return folder;
    }

    [Theory]
    [InlineData("model.safetensors")]
    [InlineData("pytorch_model.bin")]
    public void Bloom_tied_head_counts_nothing_and_the_groups_add_up_to_the_trimmer_counts(string weights)
    {
        using var dir = new TempDir();
        var model = Linked(dir, "bloom-tiny", weights);
        var trim = ModelTrimmer.Trim(
            model, Path.Combine(SharedData.Reference("bloom-tiny"), "kept_bloom-tiny.json"), dir.File("out"));

        var groups = ParameterGroups.Measure(model, trim);

        // bloom-tiny: vocab 1024 x hidden 64, lm_head tied to the word embeddings and not stored.
        groups[TensorGroup.Embedding].ParametersBefore.Should().Be(1024 * 64);
        groups[TensorGroup.Embedding].ParametersAfter.Should().Be(trim.RowsAfter * 64);
        groups[TensorGroup.LmHead].ParametersBefore.Should().Be(0);
        groups[TensorGroup.LmHead].ParametersAfter.Should().Be(0);
        groups[TensorGroup.Rest].ParametersAfter.Should().Be(groups[TensorGroup.Rest].ParametersBefore);
        groups.ParametersBefore.Should().Be(trim.ParametersBefore);
        groups.ParametersAfter.Should().Be(trim.ParametersAfter);
        ParameterGroups.Measure(model, trim, dir.File("out")).Groups.Should().Equal(
            groups.Groups, "the slim checkpoint's headers say the same");
    }

    [Fact]
    public void Mt5_from_the_pickle_counts_as_from_safetensors()
    {
        using var dir = new TempDir();
        var kept = Path.Combine(SharedData.Reference("mt5-tiny"), "kept_mt5-tiny.json");
        var fromPickle = Linked(dir, "mt5-tiny", "pytorch_model.bin");
        var fromSafetensors = Linked(dir, "mt5-tiny", "model.safetensors");

        var a = ParameterGroups.Measure(fromPickle, ModelTrimmer.Trim(fromPickle, kept, dir.File("a")));
        var trimB = ModelTrimmer.Trim(fromSafetensors, kept, dir.File("b"));
        var b = ParameterGroups.Measure(fromSafetensors, trimB);

        // mt5-tiny's kept list has padding rows without a piece; the slim headers agree with the plan all the same.
        ParameterGroups.Measure(fromSafetensors, trimB, dir.File("b")).Groups.Should().Equal(b.Groups);

        a.Groups.Select(g => (g.Group, g.ParametersBefore, g.ParametersAfter))
            .Should().Equal(b.Groups.Select(g => (g.Group, g.ParametersBefore, g.ParametersAfter)));
        a[TensorGroup.LmHead].ParametersAfter.Should().BePositive("mT5's head is untied");
    }
}
