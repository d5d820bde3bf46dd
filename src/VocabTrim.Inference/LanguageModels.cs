using VocabTrim.Checkpoints;
using VocabTrim.Inference.Families;
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
    public static ILanguageModel Load(string folder, InferenceOptions? options = null, string? weights = null,
        LayerStreaming? streaming = null)
    {
        options ??= InferenceOptions.Default;
        var config = ModelConfigJson.LoadFolder(folder);
        var family = ModelFamilies.Of(config);
        var generation = ModelConfigJson.LoadGeneration(folder);
        var device = TorchRuntime.Prepare(options);
        // Unless streaming, the checkpoint is only read while the model copies its tensors; the model owns the
        // loader's tensors, and a streaming loader the checkpoint too.
        var checkpoint = Checkpoint.Open(weights ?? folder);
        using var opened = streaming is null ? checkpoint : null;
        var loader = new WeightLoader(checkpoint, device, options.Dtype.ToScalarType())
        {
            Streaming = streaming,
            OwnsCheckpoint = streaming is not null
        };
        try
        {
            return family.Load(config, generation, loader);
        }
        catch
        {
            loader.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The tensor the LM head of the model in <paramref name="folder"/> multiplies by ([vocab, d_model]):
    /// lm_head.weight, or the input embedding when the head is tied to it, as the family's loader chooses.
    /// </summary>
    public static string HeadWeightName(string folder, ICheckpoint checkpoint)
    {
        var config = ModelConfigJson.LoadFolder(folder);
        return ModelFamilies.Of(config).HeadWeightName(config, checkpoint.Tensors);
    }
}
