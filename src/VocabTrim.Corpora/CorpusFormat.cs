namespace VocabTrim.Corpora;

/// <summary>How the lines of a sentence file are laid out.</summary>
public enum CorpusFormat
{
    /// <summary>Leipzig Corpora Collection: <c>id&lt;TAB&gt;sentence</c> per line.</summary>
    Leipzig,

    /// <summary>One sentence per line, no id. Empty lines are skipped.</summary>
    PlainText,
}
