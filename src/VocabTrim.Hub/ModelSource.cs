namespace VocabTrim.Hub;

/// <summary>
/// Where a model came from: what <see cref="ModelLocator"/> found, and what a resolved recipe records
/// (<c>resolved.model.source</c>).
/// </summary>
public enum ModelSource
{
    /// <summary>The user named a local model folder.</summary>
    Folder,

    /// <summary>A hub id, read from the Hugging Face cache (downloaded into it when missing).</summary>
    Hub,
}
