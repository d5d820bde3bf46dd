namespace VocabTrim.Surgery.Tokenizers;

/// <summary>What an <see cref="ITokenizerFileTrimmer"/> produced.</summary>
/// <param name="Files">File name → content to write into the output folder.</param>
/// <param name="SourceFiles">Files of the model folder it read (recorded with their sha256 in vocabtrim.json).</param>
/// <param name="LeftOut">Tokenizer files of the model folder deliberately not written, each with the reason.</param>
/// <param name="PieceCount">Pieces of the original tokenizer; kept ids at or above it are padding rows.</param>
/// <param name="PlaceholderIds">Kept ids without a piece that got an unreachable placeholder.</param>
/// <param name="Notes">Other things worth telling the user (remapped ids, dropped special tokens).</param>
/// <param name="FinalKeep">
/// The keep list the weights must follow when the tokenizer needed a different one than asked (a BPE
/// vocabulary must stay closed under its merges); null when the request stands as it is.
/// </param>
public sealed record TrimmedTokenizerFiles(
    IReadOnlyDictionary<string, byte[]> Files,
    IReadOnlyList<string> SourceFiles,
    IReadOnlyDictionary<string, string> LeftOut,
    int PieceCount,
    IReadOnlyList<int> PlaceholderIds,
    IReadOnlyList<string> Notes,
    IReadOnlyList<int>? FinalKeep = null);
