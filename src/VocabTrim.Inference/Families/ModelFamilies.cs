using VocabTrim.Inference.Bloom;
using VocabTrim.Inference.Gemma;
using VocabTrim.Inference.Llama;
using VocabTrim.Inference.Mt5;

namespace VocabTrim.Inference.Families;

/// <summary>
/// The families vocabtrim trims and runs; a new family is one more entry here (see docs/architecture.md).
/// </summary>
public static class ModelFamilies
{
    public static IReadOnlyList<IModelFamily> All { get; } = [new Mt5Family(), new BloomFamily(), new LlamaFamily(),
        new GemmaFamily()];

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

    /// <summary>
    /// Why a family without a network (<see cref="IModelFamily.HasNetwork"/>) cannot be loaded, validated or generated
    /// from.
    /// </summary>
    public static string NoNetwork(IModelFamily family, string? modelType) =>
        $"$.model_type: '{modelType}' ({family.Name}) is trimmed but not run: " +
        $"vocabtrim's inference core has no {family.Name} network, " +
        "so the slim model cannot be validated or generate; trim it without validation " +
        "(adapt --skip-validation, or validation.skip in a recipe)";

    /// <summary>The family that reads <paramref name="modelType"/>, or null.</summary>
    public static IModelFamily? Find(string? modelType) =>
        modelType == null ? null : All.FirstOrDefault(f => f.ModelTypes.Contains(modelType, StringComparer.Ordinal));

    /// <summary>The family of a config.json, or an error naming the file and the model_type.</summary>
    public static IModelFamily Of(ModelConfigJson config) =>
        Find(config.String("model_type"))
        ?? throw new ModelFolderException(config.Path,
            $"$.model_type: '{config.String("model_type") ?? ""}' is not supported ({SupportedModelTypes} are)");
}
