namespace VocabTrim.Surgery.Tokenizers;

/// <summary>
/// Chooses the <see cref="ITokenizerFileTrimmer"/> for a model folder by the tokenizer files it holds.
/// </summary>
public static class TokenizerFileTrimmers
{
    /// <summary>
    /// In order of preference: a folder with both <c>spiece.model</c> and <c>tokenizer.json</c> (mT5) is trimmed
    /// from <c>spiece.model</c>, from which transformers rebuilds the fast tokenizer.
    /// </summary>
    public static IReadOnlyList<ITokenizerFileTrimmer> Default { get; } =
        [new SentencePieceFileTrimmer(), new TokenizerJsonFileTrimmer()];

    /// <summary>
    /// The first trimmer whose file the folder has; null for a folder without tokenizer files (weights only).
    /// </summary>
    public static ITokenizerFileTrimmer? Choose(string modelFolder, IReadOnlyList<ITokenizerFileTrimmer> trimmers) =>
        trimmers.FirstOrDefault(t => File.Exists(Path.Combine(modelFolder, t.FileName)));
}
