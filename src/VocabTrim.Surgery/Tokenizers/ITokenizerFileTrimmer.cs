using VocabTrim.Selection;
using VocabTrim.Tokenizers;

namespace VocabTrim.Surgery.Tokenizers;

/// <summary>
/// Trims one kind of tokenizer file in a model folder to a keep list, so that tokenizer ids and the sliced
/// embedding rows stay aligned. <see cref="ModelTrimmer"/> picks the implementation by which file the folder has
/// (<see cref="TokenizerFileTrimmers"/>): <c>spiece.model</c> today, <c>tokenizer.json</c> (BPE) to plug in.
/// </summary>
public interface ITokenizerFileTrimmer
{
    /// <summary>The file whose presence selects this trimmer, e.g. <c>spiece.model</c>.</summary>
    string FileName { get; }

    /// <summary>
    /// The trimmed tokenizer files, in memory (tokenizers are megabytes, not gigabytes). Must refuse a keep list
    /// made for another tokenizer, and give every kept id without a piece (checkpoint padding rows) a placeholder.
    /// </summary>
    /// <param name="loaded">
    /// The tokenizer file as this run already read it; used instead of reading it again when it is this trimmer's file.
    /// </param>
    TrimmedTokenizerFiles Trim(string modelFolder, KeepList keep, LoadedTokenizer? loaded = null);
}
