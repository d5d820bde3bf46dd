using VocabTrim.Common;

namespace VocabTrim.Validation;

/// <summary>The two folders cannot be compared (missing files, mismatched models).</summary>
public sealed class ValidationException(string message) : UserInputException(message);
