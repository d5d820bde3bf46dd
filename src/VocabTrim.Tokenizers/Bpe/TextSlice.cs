namespace VocabTrim.Tokenizers.Bpe;

/// <summary>A piece of the sentence being encoded, in UTF-16 units.</summary>
internal readonly record struct TextSlice(int Start, int Length);
