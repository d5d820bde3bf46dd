using VocabTrim.Common;

namespace VocabTrim.Corpora;

/// <summary>
/// A corpus that cannot be read as asked: a malformed line, text that is not UTF-8, a damaged archive,
/// or a folder or archive without exactly one sentence file.
/// </summary>
public sealed class CorpusFormatException : UserInputException
{
    public CorpusFormatException(string input, long? lineNumber, string problem, Exception? innerException = null)
        : base(lineNumber is { } line ? $"{input}:{line}: {problem}" : $"{input}: {problem}", innerException)
    {
        Input = input;
        LineNumber = lineNumber;
        Problem = problem;
    }

    /// <summary>What was being read: a file, a folder, or <c>archive!entry</c>.</summary>
    public string Input { get; }

    /// <summary>The 1-based line of the problem, when it lies in a line.</summary>
    public long? LineNumber { get; }

    /// <summary>The message without the location.</summary>
    public string Problem { get; }
}
