using VocabTrim.Common;

namespace VocabTrim.Tokenizers;

/// <summary>
/// A keep list that cannot be applied to a tokenizer (wrong tokenizer, drops a piece the model cannot do without, …).
/// </summary>
public sealed class TrimException(string message) : UserInputException(message)
{
    /// <summary>
    /// Refuses a keep list made for another tokenizer; a list that does not say which (null) is taken as made for this
    /// one.
    /// </summary>
    /// <param name="madeFor">The sha256 the keep list records for its tokenizer.</param>
    /// <param name="source">The tokenizer file, as the message names it.</param>
    /// <param name="sha256">The sha256 of that tokenizer.</param>
    public static void UnlessMadeFor(string? madeFor, string source, string sha256)
    {
        if (madeFor != null && !string.Equals(madeFor, sha256, StringComparison.OrdinalIgnoreCase))
            throw new TrimException($"the keep list was made for the tokenizer with sha256 {madeFor}, but {source} " +
                $"has sha256 {sha256}");
    }
}
