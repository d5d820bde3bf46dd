namespace VocabTrim.Recipes;

/// <summary>Where a run found its model (<c>resolved.model.source</c>).</summary>
public enum ModelSource
{
    /// <summary>A hub id, read from the Hugging Face cache (downloaded into it if needed).</summary>
    Hub,

    /// <summary>A model folder.</summary>
    Folder,
}
