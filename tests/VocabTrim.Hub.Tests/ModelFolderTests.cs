using VocabTrim.TestSupport;

namespace VocabTrim.Hub.Tests;

public sealed class ModelFolderTests
{
    [Fact]
    public void Safetensors_are_preferred_and_only_the_files_a_model_folder_needs_are_selected()
    {
        var files = ModelFolder.SelectFiles("o/m",
        [
            ".gitattributes", "README.md", "config.json", "flax_model.msgpack", "tf_model.h5", "pytorch_model.bin",
            "model.safetensors", "spiece.model", "tokenizer.json", "tokenizer_config.json", "special_tokens_map.json",
            "generation_config.json", "onnx/encoder_model.onnx",
        ]);

        files.Should().Equal(
            "config.json", "generation_config.json", "spiece.model", "tokenizer.json", "tokenizer_config.json",
            "special_tokens_map.json", "README.md", "model.safetensors");
    }

    [Theory]
    [InlineData("model.safetensors.index.json", "pytorch_model.bin", "model.safetensors.index.json")]
    [InlineData("pytorch_model.bin", "pytorch_model.bin.index.json", "pytorch_model.bin")]
    [InlineData("pytorch_model.bin.index.json", "tf_model.h5", "pytorch_model.bin.index.json")]
    public void The_weights_are_the_first_format_transformers_prefers(string a, string b, string chosen) =>
        ModelFolder.SelectFiles("o/m", ["config.json", a, b]).Should().Equal("config.json", chosen);

    [Fact]
    public void A_repository_without_config_or_weights_is_refused_by_name()
    {
        FluentActions.Invoking(() => ModelFolder.SelectFiles("o/m", ["model.safetensors"]))
            .Should().Throw<HubException>().WithMessage(
                "o/m: not a transformers model: the repository has no config.json");
        FluentActions.Invoking(() => ModelFolder.SelectFiles("o/m", ["config.json", "tf_model.h5"]))
            .Should().Throw<HubException>().WithMessage("o/m: the repository has no model weights vocabtrim reads*");
    }

    [Fact]
    public void Shards_are_read_from_the_index_once_each_and_must_stay_inside_the_folder()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("ok.index.json"),
            """{"metadata":{"total_size":1},"weight_map":{"a":"model-00001-of-00002.safetensors","b":"model-00002-""" +
            """of-00002.safetensors","c":"model-00001-of-00002.safetensors"}}""");
        File.WriteAllText(dir.File("evil.index.json"), """{"weight_map":{"a":"../../outside.bin"}}""");

        ModelFolder.ShardsOf(dir.File("ok.index.json")).Should().Equal(
            "model-00001-of-00002.safetensors", "model-00002-of-00002.safetensors");
        FluentActions.Invoking(() => ModelFolder.ShardsOf(dir.File("evil.index.json")))
            .Should().Throw<HubException>().WithMessage(
                "*evil.index.json: $.weight_map['a']: expected a shard file name inside the model folder");
    }

    [Fact]
    public void Missing_names_what_a_folder_lacks()
    {
        using var dir = new TempDir();
        ModelFolder.Missing(dir.Path).Should().Be("config.json");
        File.WriteAllText(dir.File("config.json"), "{}");
        ModelFolder.Missing(dir.Path).Should().StartWith("model weights");
        File.WriteAllText(
            dir.File("model.safetensors.index.json"), """{"weight_map":{"a":"s1.safetensors","b":"s2.safetensors"}}""");
        File.WriteAllText(dir.File("s1.safetensors"), "");
        ModelFolder.Missing(dir.Path).Should().Be("shards of model.safetensors.index.json: s2.safetensors");
        File.WriteAllText(dir.File("s2.safetensors"), "");
        ModelFolder.Missing(dir.Path).Should().BeNull();
        ModelFolder.Missing(SharedData.Reference("mt5-tiny")).Should().BeNull();
    }
}
