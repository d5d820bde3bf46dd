using VocabTrim.Inference.Bloom;
using VocabTrim.Inference.Llama;
using VocabTrim.Inference.Mt5;

namespace VocabTrim.Inference.Families;

/// <summary>The families vocabtrim trims and runs; a new family is one more entry here (see docs/architecture.md).</summary>
public static class ModelFamilies
{
    public static IReadOnlyList<IModelFamily> All { get; } = [new Mt5Family(), new BloomFamily(), new LlamaFamily()];

    /// <summary>Settings that hold token ids in every family's config.json and generation_config.json.</summary>
    public static IReadOnlyList<string> CommonTokenIdKeys { get; } =
    [
        "pad_token_id", "eos_token_id", "bos_token_id", "decoder_start_token_id",
        "sep_token_id", "forced_bos_token_id", "forced_eos_token_id",
    ];

    /// <summary>Every supported <c>model_type</c>, for messages: "mt5, t5, bloom, llama and qwen2".</summary>
    public static string SupportedModelTypes
    {
        get
        {
            var types = All.SelectMany(f => f.ModelTypes).ToList();
            return types.Count == 1 ? types[0] : $"{string.Join(", ", types[..^1])} and {types[^1]}";
        }
    }

    /// <summary>The family that reads <paramref name="modelType"/>, or null.</summary>
    public static IModelFamily? Find(string? modelType) =>
        modelType == null ? null : All.FirstOrDefault(f => f.ModelTypes.Contains(modelType, StringComparer.Ordinal));

    /// <summary>The family of a config.json, or an error naming the file and the model_type.</summary>
    public static IModelFamily Of(ModelConfigJson config) =>
        Find(config.String("model_type"))
        ?? throw new ModelFolderException(config.Path, $"$.model_type: '{config.String("model_type") ?? ""}' is not supported ({SupportedModelTypes} are)");
}
