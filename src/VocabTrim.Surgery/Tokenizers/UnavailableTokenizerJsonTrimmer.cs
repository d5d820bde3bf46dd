using VocabTrim.Selection;

namespace VocabTrim.Surgery.Tokenizers;

/// <summary>
/// Stands in for the <c>tokenizer.json</c> (BPE, BLOOM) trimmer that is still being written. It refuses rather
/// than copy the file: a tokenizer.json with the old vocabulary would produce ids the trimmed model does not have.
/// </summary>
public sealed class UnavailableTokenizerJsonTrimmer : ITokenizerFileTrimmer
{
    public const string TokenizerJson = "tokenizer.json";

    public string FileName => TokenizerJson;

    public TrimmedTokenizerFiles Trim(string modelFolder, KeepList keep) =>
        throw new ModelTrimException(
            $"{Path.Combine(modelFolder, TokenizerJson)}: tokenizer.json trimming is not available yet; " +
            "this vocabtrim trims models whose tokenizer is spiece.model (or that have no tokenizer files)");
}
