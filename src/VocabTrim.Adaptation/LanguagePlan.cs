using VocabTrim.Counting;

namespace VocabTrim.Adaptation;

/// <summary>One language of an adaptation: its quota and the corpus file its pieces are counted on.</summary>
/// <param name="Language">Normalized code, e.g. <c>en</c>.</param>
/// <param name="Top">Keep this many of its most frequent pieces.</param>
/// <param name="Corpus">A corpus file, folder or archive that exists (names are resolved before planning).</param>
/// <param name="CorpusName">What the user gave: a Leipzig corpus name or the path as written.</param>
/// <param name="RecordedSha256">
/// The corpus's sha256 as the recipe being reproduced recorded it; counting refuses another.
/// </param>
public sealed record LanguagePlan(string Language, int Top, string Corpus, string CorpusName, CountingOptions Counting,
    string? RecordedSha256 = null);
