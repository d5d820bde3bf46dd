namespace VocabTrim.Tokenizers.Bpe;

/// <summary>One merge rule: the adjacent pair <c>Left Right</c> becomes <c>Left+Right</c>; earlier rules win.</summary>
public readonly record struct BpeMerge(string Left, string Right)
{
    public string Result => Left + Right;
}
