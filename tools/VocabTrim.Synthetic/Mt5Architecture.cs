namespace VocabTrim.Synthetic;

/// <summary>
/// The hyperparameters that decide an mT5 checkpoint's tensors (gated-gelu feed-forward, untied lm_head).
/// </summary>
public sealed record Mt5Architecture(
    int VocabRows,
    int DModel,
    int DFf,
    int EncoderLayers,
    int DecoderLayers,
    int Heads,
    int DKv,
    int Buckets = 32,
    int MaxDistance = 128)
{
    /// <summary>mt0-small / mt5-small: d_model 512, d_ff 1024, 8+8 layers, 6 heads × d_kv 64; 250,112 rows.</summary>
    public static Mt5Architecture Mt0Small(int vocabRows = 250_112) => new(vocabRows, 512, 1024, 8, 8, 6, 64);

    /// <summary>mt0-xl / mt5-xl (3.7B): d_model 2048, d_ff 5120, 24+24 layers, 32 heads × d_kv 64.</summary>
    public static Mt5Architecture Mt0Xl(int vocabRows = 250_112) => new(vocabRows, 2048, 5120, 24, 24, 32, 64);

    /// <summary>mt0-xxl / mt5-xxl (13B): d_model 4096, d_ff 10240, 24+24 layers, 64 heads × d_kv 64.</summary>
    public static Mt5Architecture Mt0Xxl(int vocabRows = 250_112) => new(vocabRows, 4096, 10240, 24, 24, 64, 64);

    /// <summary>The shape of shared/reference/mt5-tiny: d_model 64, d_ff 128, 2+2 layers, 4 heads × d_kv 16.</summary>
    public static Mt5Architecture Tiny(int vocabRows) => new(vocabRows, 64, 128, 2, 2, 4, 16);

    /// <summary>
    /// Embedding rows for a tokenizer of <paramref name="pieces"/> pieces, padded as mT5 pads 250,100 to 250,112.
    /// </summary>
    public static int PaddedRows(int pieces, int multiple = 128) => (pieces + multiple - 1) / multiple * multiple;
}
