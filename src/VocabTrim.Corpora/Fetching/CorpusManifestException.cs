using VocabTrim.Common;

namespace VocabTrim.Corpora.Fetching;

/// <summary>
/// A corpus manifest that cannot be used; the message names the file and the JSON path of the problem.
/// </summary>
public sealed class CorpusManifestException(string manifest, string jsonPath, string problem)
    : UserInputException($"{manifest}: {jsonPath}: {problem}")
{
    /// <summary>The manifest file, or a description of where the JSON came from.</summary>
    public string Manifest { get; } = manifest;

    /// <summary>Where in the JSON the problem is, e.g. <c>$.corpora.eng_news_2023_1M.sha256</c>.</summary>
    public string JsonPath { get; } = jsonPath;

    public string Problem { get; } = problem;
}
