namespace VocabTrim.Synthetic;

/// <summary>How random checkpoints are filled.</summary>
public enum WeightFill
{
    /// <summary>
    /// Each tensor as Hugging Face initialises it (normal via Box-Muller; norm gains uniform around 1).
    /// </summary>
    HuggingFaceInit,

    /// <summary>
    /// Uniform with the same mean and standard deviation: several times faster, for benchmark checkpoints of a
    /// gigabyte and more where only shapes and finite values matter.
    /// </summary>
    FastUniform,
}
