using VocabTrim.Common;

namespace VocabTrim.Corpora;

/// <summary>A language code that <see cref="LanguageCode"/> does not know.</summary>
public sealed class UnknownLanguageException(string code, string message) : UserInputException(message)
{
    public string Code { get; } = code;
}
