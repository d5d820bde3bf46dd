namespace VocabTrim.Reporting;

/// <summary>The model that was adapted, as the user named it.</summary>
/// <param name="Name">The hub id (<c>bigscience/mt0-xl</c>) or the model folder's name, as given.</param>
/// <param name="HubId">The hub id when the model came from the hub (or its cache); null for a local folder.</param>
/// <param name="Revision">The branch, tag or commit asked for; null for the default.</param>
/// <param name="Commit">The commit the revision resolved to, when known.</param>
public sealed record BaseModel(string Name, string? HubId = null, string? Revision = null, string? Commit = null)
{
    /// <summary>A hub model, e.g. <c>BaseModel.Hub("bigscience/mt0-xl", "main", "abc123…")</c>.</summary>
    public static BaseModel Hub(string hubId, string? revision = null, string? commit = null) =>
        new(hubId, hubId, revision, commit);


    /// <summary>A local model folder, named by its folder name.</summary>
    public static BaseModel Folder(string path) =>
        new(Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(path))));
}
