using VocabTrim.Tokenizers;

namespace VocabTrim.Surgery.Tokenizers;

internal static class LoadedTokenizers
{
    /// <summary>Whether <paramref name="loaded"/> was read from the file at <paramref name="path"/>.</summary>
    public static bool Is(LoadedTokenizer? loaded, string path) =>
        loaded != null
            && string.Equals(Path.GetFullPath(loaded.Path), Path.GetFullPath(path), StringComparison.Ordinal);
}
