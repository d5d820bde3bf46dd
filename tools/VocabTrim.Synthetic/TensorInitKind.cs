namespace VocabTrim.Synthetic;

public enum TensorInitKind
{
    Normal,
    Uniform,
}
