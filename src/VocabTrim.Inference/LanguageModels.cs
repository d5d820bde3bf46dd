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
    /// With <paramref name="streaming"/>, only the vocabulary matrices and the small tensors outside the layers are
    /// loaded; each layer's weights are read whenever it runs (see <see cref="LayerStreaming"/>).
    /// </summary>
    public static ILanguageModel Load(string folder, InferenceOptions? options = null, string? weights = null, LayerStreaming? streaming = null)
    {
        options ??= InferenceOptions.Default;
        var config = ModelConfigJson.LoadFolder(folder);
        var modelType = config.String("model_type") ?? "";
        var device = TorchRuntime.Prepare(options);
        // Unless streaming, the checkpoint is only read while the model copies its tensors; the model owns the
        // loader's tensors, and a streaming loader the checkpoint too.
        var checkpoint = Checkpoint.Open(weights ?? folder);
        using var opened = streaming is null ? checkpoint : null;
        var loader = new WeightLoader(checkpoint, device, options.Dtype.ToScalarType()) { Streaming = streaming, OwnsCheckpoint = streaming is not null };
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

    /// <summary>
    /// The tensor the LM head of the model in <paramref name="folder"/> multiplies by ([vocab, d_model]): lm_head.weight,
    /// or the input embedding when the head is tied to it, as <see cref="Mt5Model"/> and <see cref="BloomModel"/> choose.
    /// </summary>
    public static string HeadWeightName(string folder, ICheckpoint checkpoint)
    {
        var config = ModelConfigJson.LoadFolder(folder);
        return config.String("model_type") switch
        {
            "mt5" or "t5" => Mt5Config.From(config).TieWordEmbeddings ? "shared.weight" : "lm_head.weight",
            "bloom" => !BloomConfig.From(config).TieWordEmbeddings && checkpoint.Tensors.ContainsKey("lm_head.weight") ? "lm_head.weight"
                : checkpoint.Tensors.ContainsKey("transformer.word_embeddings.weight") ? "transformer.word_embeddings.weight" : "word_embeddings.weight",
            "llama" or "qwen2" => LlamaConfig.From(config).TieWordEmbeddings ? "model.embed_tokens.weight" : "lm_head.weight",
            var other => throw new ModelFolderException(config.Path, $"$.model_type: '{other}' is not supported (mt5, t5, bloom, llama and qwen2 are)"),
        };
    }
}
