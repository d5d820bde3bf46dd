namespace VocabTrim.Tokenizers;

/// <summary>What a vocabulary entry is, independent of the tokenizer family.</summary>
public enum PieceKind
{
    /// <summary>An ordinary piece learned from text; the only kind that selection ranks by frequency.</summary>
    Normal,
    /// <summary>The unknown token.</summary>
    Unknown,
    /// <summary>A control token (pad, eos, bos): never produced from text.</summary>
    Control,
    /// <summary>A symbol the user forced into the vocabulary (mT5's sentinels, BPE added tokens).</summary>
    UserDefined,
    /// <summary>A single-byte piece used for byte fallback.</summary>
    Byte,
    /// <summary>A piece present in the vocabulary but disabled for encoding.</summary>
    Unused,
}

public static class PieceKindExtensions
{
    /// <summary>Special pieces are always kept by selection and never use up a language's quota.</summary>
    public static bool IsSpecial(this PieceKind kind) => kind != PieceKind.Normal;
}
