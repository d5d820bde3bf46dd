using VocabTrim.Common;

namespace VocabTrim.Adaptation;

/// <summary>An adaptation cannot run as planned; the message is one line that says what to change.</summary>
public sealed class AdaptationException(string message) : UserInputException(message);
