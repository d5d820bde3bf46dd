namespace VocabTrim.Corpora.Fetching;

/// <summary>One corpus of the manifest: its Leipzig name, language, address and what is known about the file.</summary>
/// <param name="Size">Bytes of the archive, or null when the manifest does not know it.</param>
/// <param name="Sha256">Lower-case hex SHA-256 of the archive, or null when the manifest does not know it.</param>
public sealed record CorpusEntry(string Name, LanguageCode Language, Uri Url, long? Size, string? Sha256)
{
    /// <summary>The archive's file name in the cache.</summary>
    public string FileName => Name + ".tar.gz";

    /// <summary>
    /// The address to download from: the manifest's, or the archive's file name under <paramref name="baseUrl"/>
    /// (a mirror, or a local server in tests).
    /// </summary>
    public Uri UrlFrom(Uri? baseUrl) =>
        baseUrl == null ? Url : new Uri(baseUrl.AbsoluteUri.TrimEnd('/') + "/" + Uri.EscapeDataString(FileName));
}
