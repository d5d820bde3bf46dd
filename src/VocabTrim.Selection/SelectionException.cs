using VocabTrim.Common;

namespace VocabTrim.Selection;

/// <summary>A selection that cannot be made as asked (bad quota list, language without counts, …).</summary>
public sealed class SelectionException(string message) : UserInputException(message);
