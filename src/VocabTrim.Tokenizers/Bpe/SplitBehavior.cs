namespace VocabTrim.Tokenizers.Bpe;

/// <summary>What a <c>Split</c> pre-tokenizer does with the text its pattern matches (the reference's names).</summary>
public enum SplitBehavior
{
    /// <summary>Matches are dropped; the text between them is kept.</summary>
    Removed,
    /// <summary>Matches and the text between them become pieces of their own.</summary>
    Isolated,
    /// <summary>Each match joins the text before it.</summary>
    MergedWithPrevious,
    /// <summary>Each match joins the text after it.</summary>
    MergedWithNext,
    /// <summary>Runs of adjacent matches become one piece.</summary>
    Contiguous,
}
