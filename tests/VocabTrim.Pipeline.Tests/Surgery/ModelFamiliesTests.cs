using System.Text.Json.Nodes;
using VocabTrim.Checkpoints;
using VocabTrim.Inference;
using VocabTrim.Inference.Families;
using VocabTrim.TestSupport;

namespace VocabTrim.Pipeline.Tests.Surgery;

/// <summary>
/// Every family in the registry against the Hugging Face reference checkpoints in ../shared/reference: each has
/// one, knows the role of every vocabulary-sized tensor in it, and its shape list names exactly its tensors.
/// </summary>
public class ModelFamiliesTests
{
    public static TheoryData<string, string> ReferenceCheckpoints()
    {
        var data = new TheoryData<string, string>();
        foreach (var folder in Directory.EnumerateDirectories(SharedData.PathOf("reference"))
            .Order(StringComparer.Ordinal))
            foreach (var weights in new[] { "model.safetensors", "pytorch_model.bin" })
                if (File.Exists(Path.Combine(folder, weights))) data.Add(Path.GetFileName(folder), weights);
        return data;
    }

    private static (IModelFamily Family, ModelConfigJson Config, long Vocab) FamilyOf(string reference)
    {
        var config = ModelConfigJson.LoadFolder(SharedData.Reference(reference));
        return (ModelFamilies.Of(config), config, config.Int("vocab_size"));
    }

    [Theory]
    [MemberData(nameof(ReferenceCheckpoints))]
    public void The_family_gives_every_vocabulary_sized_tensor_a_role_and_no_other(string reference, string weights)
    {
        var (family, _, vocab) = FamilyOf(reference);
        using var checkpoint = Checkpoint.Open(Path.Combine(SharedData.Reference(reference), weights));

        foreach (var (name, info) in checkpoint.Tensors)
        {
            var vocabularySized = info.Shape.Rank >= 1 && info.Shape[0] == vocab || info.Shape.Rank == 2
                && info.Shape[0] == 1 && info.Shape[1] == vocab;
            TensorRoles.IsVocabularySized(family.RoleOf(name)).Should().Be(
                vocabularySized, $"{reference}/{weights}: {name} {info.Shape}");
        }
        checkpoint.Tensors.Keys.Where(
            n => family.RoleOf(n) == TensorRole.InputEmbedding || family.RoleOf(n) == TensorRole.EmbeddingAlias)
            .Should().NotBeEmpty($"{family.Name} must find the input embedding of {reference}");
    }

    [Theory]
    [MemberData(nameof(ReferenceCheckpoints))]
    public void The_family_expects_exactly_the_tensors_of_its_reference_checkpoint_with_their_shapes(
        string reference, string weights)
    {
        var (family, config, vocab) = FamilyOf(reference);
        using var checkpoint = Checkpoint.Open(Path.Combine(SharedData.Reference(reference), weights));

        var expected = family.ExpectedTensors(config, checkpoint.Tensors, vocab).ToList();

        expected.Select(t => t.Name).Should().BeEquivalentTo(checkpoint.Tensors.Keys);
        foreach (var tensor in expected)
            checkpoint.Tensors[tensor.Name].Shape.AsSpan().ToArray().Should().Equal(tensor.Shape, tensor.Name);
    }

    [Fact]
    public void Every_family_that_runs_has_a_reference_checkpoint_and_every_model_type_one_family()
    {
        var covered = ReferenceCheckpoints().Select(row => FamilyOf((string)row[0]).Family).Distinct().ToList();

        covered.Should().BeEquivalentTo(
            ModelFamilies.All.Where(f => f.HasNetwork),
            "a family with no reference checkpoint in ../shared/reference is untested");
        ModelFamilies.All.SelectMany(f => f.ModelTypes).Should().OnlyHaveUniqueItems();
        foreach (var family in ModelFamilies.All)
            foreach (var type in family.ModelTypes) ModelFamilies.Find(type).Should().BeSameAs(family);
    }

    [Fact]
    public void The_hub_downloads_every_file_a_family_folder_has()
    {
        foreach (var family in ModelFamilies.All)
            Hub.ModelFolder.SupportFileNames.Should().Contain(family.FolderFiles, family.Name);
    }

    [Theory]
    [InlineData("mt5-tiny", "lm_head.weight")]
    [InlineData("bloom-tiny", "transformer.word_embeddings.weight")]
    [InlineData("llama-tiny", "model.embed_tokens.weight")]
    [InlineData("qwen2-tiny", "lm_head.weight")]
    public void The_head_weight_follows_the_tie(string reference, string head)
    {
        var (family, config, _) = FamilyOf(reference);
        using var checkpoint = Checkpoint.Open(SharedData.Reference(reference));

        family.HeadWeightName(config, checkpoint.Tensors).Should().Be(head);
        JsonNode.Parse(
            File.ReadAllText(Path.Combine(SharedData.Reference(reference), "config.json")))!["model_type"]!
            .GetValue<string>()
            .Should().BeOneOf(family.ModelTypes);
    }
}
