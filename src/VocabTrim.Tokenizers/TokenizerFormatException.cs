using VocabTrim.Common;

namespace VocabTrim.Tokenizers;

/// <summary>A tokenizer file that cannot be read: corrupt, or of a kind vocabtrim does not support.</summary>
public sealed class TokenizerFormatException(string path, string message)
    : UserInputException($"{path}: {message}")
{
    public string Path { get; } = path;
}
