using VocabTrim.Checkpoints;
using VocabTrim.Inference.Bloom;
using VocabTrim.Inference.Llama;
using VocabTrim.Inference.Mt5;
using VocabTrim.Inference.Weights;

namespace VocabTrim.Inference;

/// <summary>Loads a model folder (config.json + weights) as the network its config describes.</summary>
public static class LanguageModels
{
    /// <summary>
    /// Reads <c>config.json</c> in <paramref name="folder"/> and the weights through <see cref="Checkpoint.Open"/>:
    /// from the folder (safetensors preferred) or from <paramref name="weights"/> when given (a file or index).
    /// </summary>
    public static ILanguageModel Load(string folder, InferenceOptions? options = null, string? weights = null)
    {
        options ??= InferenceOptions.Default;
        var config = ModelConfigJson.LoadFolder(folder);
        var modelType = config.String("model_type") ?? "";
        var device = TorchRuntime.Prepare(options);
        // The checkpoint is only read while the model copies its tensors; the model owns the loader's tensors.
        using var checkpoint = Checkpoint.Open(weights ?? folder);
        var loader = new WeightLoader(checkpoint, device, options.Dtype.ToScalarType());
        try
        {
            return modelType switch
            {
                "mt5" or "t5" => Mt5Model.Load(Mt5Config.From(config), loader),
                "bloom" => BloomModel.Load(BloomConfig.From(config), loader),
                "llama" or "qwen2" => LlamaModel.Load(LlamaConfig.From(config), loader),
                _ => throw new ModelFolderException(config.Path,
                    $"$.model_type: '{modelType}' is not supported (mt5, t5, bloom, llama and qwen2 are)"),
            };
        }
        catch
        {
            loader.Dispose();
            throw;
        }
    }
}
