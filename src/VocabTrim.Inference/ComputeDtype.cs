namespace VocabTrim.Inference;

/// <summary>
/// The element type weights and activations are computed in (<c>--dtype</c>), whatever the checkpoint stores.
/// </summary>
public enum ComputeDtype
{
    Float32,
    BFloat16,
    Float16,
}
