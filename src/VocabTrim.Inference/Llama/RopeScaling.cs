namespace VocabTrim.Inference.Llama;

/// <summary>
/// config.json's <c>rope_scaling</c> of type <c>llama3</c> (Llama 3.1 and later): frequencies whose wavelength
/// exceeds <c>original_max_position_embeddings / low_freq_factor</c> are divided by <see cref="Factor"/>, those
/// shorter than <c>original_max_position_embeddings / high_freq_factor</c> kept, and the band between blended
/// smoothly (<see cref="RotaryEmbedding.InverseFrequencies"/>). Absent, null or type <c>default</c>: no scaling.
/// </summary>
public sealed record RopeScaling(double Factor, double LowFreqFactor, double HighFreqFactor,
    int OriginalMaxPositionEmbeddings)
{
    /// <summary>
    /// The scaling <paramref name="json"/> asks for; null for none. Other types are refused, not ignored.
    /// </summary>
    public static RopeScaling? From(ModelConfigJson json)
    {
        if (json.Object("rope_scaling") is not { } scaling) return null;
        // transformers reads rope_type, and type in configs written before it was renamed.
        var type = scaling.String("rope_type") ?? scaling.String("type") ?? "default";
        return type switch
        {
            "default" => null,
            "llama3" => Llama3(scaling),
            _ => throw new ModelFolderException(scaling.Path,
                $"rope_type '{type}' is not supported (default and llama3 are); its positions would be wrong"),
        };
    }

    private static RopeScaling Llama3(ModelConfigJson scaling)
    {
        var result = new RopeScaling(
            scaling.Double("factor"), scaling.Double("low_freq_factor"), scaling.Double("high_freq_factor"),
            scaling.Int("original_max_position_embeddings"));
        if (result.Factor <= 0 || result.OriginalMaxPositionEmbeddings <= 0
            || !(result.LowFreqFactor < result.HighFreqFactor) || result.LowFreqFactor <= 0)
            throw new ModelFolderException(scaling.Path,
                "llama3 scaling needs factor > 0, 0 < low_freq_factor < high_freq_factor and " +
                "original_max_position_embeddings > 0");
        return result;
    }
}
