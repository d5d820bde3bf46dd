using System.Text.Json.Serialization;

namespace VocabTrim.Counting;

/// <summary>The options a language was counted with; counts made with other options are not reused.</summary>
/// <param name="MaxSentences">Stop after this many sentences; null counts the whole corpus.</param>
/// <param name="SkipMalformed">Skip lines the corpus reader cannot parse instead of failing.</param>
/// <param name="Format">The corpus format, e.g. <c>leipzig</c>.</param>
public sealed record CountingOptions(
    // Written as null rather than left out: "all sentences" is a choice the reader should see.
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] long? MaxSentences,
    bool SkipMalformed,
    string Format);
