namespace VocabTrim.Common;

/// <summary>
/// A mistake the user can fix: a bad input file, an impossible request, a model that contradicts its config.
/// The message is the whole error as the user sees it, one line that names the file (and the line or JSON path,
/// where there is one) and says what was expected. The command line shows it without a stack trace; any other
/// exception is a bug and keeps its trace.
/// </summary>
public abstract class UserInputException(string message, Exception? innerException = null)
    : Exception(message, innerException);
