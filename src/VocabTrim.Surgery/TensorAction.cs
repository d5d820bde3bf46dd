namespace VocabTrim.Surgery;

/// <summary>What trimming does with one checkpoint tensor.</summary>
public enum TensorAction
{
    /// <summary>Written byte for byte.</summary>
    Copy,

    /// <summary>Cut to the kept rows along dimension 0: <c>[vocab, ...]</c> → <c>[kept (+ padding), ...]</c>.</summary>
    SliceRows,

    /// <summary>A <c>[1, vocab]</c> bias cut along its last dimension → <c>[1, kept (+ padding)]</c>.</summary>
    SliceBiasRow,

    /// <summary>Not written: a tied duplicate that transformers restores from another tensor on loading.</summary>
    Drop,
}
