namespace VocabTrim.Recipes;

/// <summary>The model a run adapted.</summary>
/// <param name="RepoId">For <see cref="ModelSource.Hub"/>: org/name.</param>
/// <param name="Commit">For <see cref="ModelSource.Hub"/>: the commit the revision resolved to.</param>
/// <param name="Files">The sha256 of every model file read, by file name relative to the model folder.</param>
public sealed record ResolvedModel(ModelSource Source, string? RepoId, string? Commit, EquatableMap<string> Files);
