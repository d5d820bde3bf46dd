using VocabTrim.Common;

namespace VocabTrim.Reporting;

/// <summary>A card's front matter is outside the YAML subset vocabtrim reads; the message names the line.</summary>
public sealed class FrontMatterException(int line, string problem)
    : UserInputException($"README.md front matter, line {line}: {problem}")

{
    public int Line { get; } = line;
}
