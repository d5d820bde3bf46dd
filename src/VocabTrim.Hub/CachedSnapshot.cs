namespace VocabTrim.Hub;

/// <summary>A snapshot folder of the Hugging Face cache: <c>models--org--name/snapshots/COMMIT</c>.</summary>
public sealed record CachedSnapshot(string RepoId, string Commit, string Folder);
