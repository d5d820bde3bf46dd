namespace VocabTrim.Corpora.Fetching;

/// <summary>The outcome of fetching a corpus.</summary>
/// <param name="Reused">The cached archive was already complete; nothing was downloaded.</param>
/// <param name="ResumedFrom">The byte offset a partial download was continued from, or 0.</param>
/// <param name="Downloaded">Bytes transferred by this call.</param>
public sealed record FetchResult(string Path, long Size, string Sha256, bool Reused, long ResumedFrom, long Downloaded,
    bool Verified);
