namespace VocabTrim.Corpora.Reading;

/// <summary>Why a line yields no sentence.</summary>
internal enum LineProblem
{
    None,
    /// <summary>An empty line in plain text: skipped silently, it only separates paragraphs.</summary>
    Blank,
    EmptyLine,
    NoTab,
    EmptySentence,
    InvalidUtf8,
}
