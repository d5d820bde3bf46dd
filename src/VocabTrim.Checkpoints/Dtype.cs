namespace VocabTrim.Checkpoints;

/// <summary>
/// The element type of a checkpoint tensor. vocabtrim computes only with F32, F16 and BF16; the others
/// are carried through unchanged (position ids, masks, quantisation tables).
/// </summary>
/// <remarks>
/// Declared in the order of the safetensors format's own dtype enum, which is by increasing alignment:
/// <see cref="Safetensors.SafetensorsWriter"/> sorts tensors by it, descending, as the reference writer does,
/// so that every tensor's data starts at a multiple of its element size.
/// </remarks>
public enum Dtype
{
    Bool,
    U8,
    I8,
    F8E5M2,
    F8E4M3,
    I16,
    U16,
    F16,
    BF16,
    I32,
    U32,
    F32,
    F64,
    I64,
    U64,
}
