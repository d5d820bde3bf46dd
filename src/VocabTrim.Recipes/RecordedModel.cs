using VocabTrim.Hub;

namespace VocabTrim.Recipes;

/// <summary>
/// The model a run adapted, as its resolved recipe records it (<c>resolved.model</c>): where it came from and the
/// hashes of what was read, not the folder, which is this machine's (<see cref="ResolvedModel.Folder"/>).
/// </summary>
/// <param name="RepoId">For <see cref="ModelSource.Hub"/>: org/name.</param>
/// <param name="Commit">For <see cref="ModelSource.Hub"/>: the commit the revision resolved to.</param>
/// <param name="Files">The sha256 of every model file read, by file name relative to the model folder.</param>
public sealed record RecordedModel(ModelSource Source, string? RepoId, string? Commit, EquatableMap<string> Files)
{
    /// <summary>
    /// What the resolved recipe records of <paramref name="model"/>, with the hashes of the files the run read.
    /// </summary>
    public static RecordedModel Of(ResolvedModel model, EquatableMap<string> files) =>
        new(model.Source, model.RepoId, model.Commit, files);
}
