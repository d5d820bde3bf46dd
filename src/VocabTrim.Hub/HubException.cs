using VocabTrim.Common;

namespace VocabTrim.Hub;

/// <summary>
/// A model that cannot be made available locally, in one line that says what to do: a refused or missing
/// repository, a broken connection, a download whose checksum does not match, an offline cache miss.
/// </summary>
public sealed class HubException(string message, Exception? innerException = null)
    : UserInputException(message, innerException);
