namespace VocabTrim.Hub;

/// <summary>A model available as a local Hugging Face model folder.</summary>
/// <param name="Folder">The absolute path of the folder (for hub ids, the cache's snapshot folder).</param>
/// <param name="RepoId">The hub id (<c>org/name</c>); null for a local folder.</param>
/// <param name="Commit">The hub commit hash of the snapshot; null for a local folder.</param>
/// <param name="Source">Whether it was a local folder or a hub id.</param>
/// <param name="Downloaded">For a hub id: whether files were downloaded, or the cache held the whole snapshot.</param>
public sealed record ResolvedModel(string Folder, string? RepoId, string? Commit, ModelSource Source,
    bool Downloaded = false);
