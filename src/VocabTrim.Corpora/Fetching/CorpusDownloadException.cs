using VocabTrim.Common;

namespace VocabTrim.Corpora.Fetching;

/// <summary>
/// A corpus download that failed: an HTTP error, a size or checksum that does not match, an unknown name.
/// </summary>
public sealed class CorpusDownloadException(string message, Exception? innerException = null)
    : UserInputException(message, innerException);
