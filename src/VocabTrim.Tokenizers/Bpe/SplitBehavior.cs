namespace VocabTrim.Tokenizers.Bpe;

/// <summary>What a <c>Split</c> pre-tokenizer does with the text its pattern matches.</summary>
public enum SplitBehavior
{
    /// <summary>Matches and the text between them become pieces of their own.</summary>
    Isolated,
    /// <summary>Matches are dropped; the text between them is kept.</summary>
    Removed,
}
