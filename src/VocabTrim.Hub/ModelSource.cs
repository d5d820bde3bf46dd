namespace VocabTrim.Hub;

/// <summary>Where <see cref="ModelLocator"/> found a model.</summary>
public enum ModelSource
{
    /// <summary>The user named a local model folder.</summary>
    Folder,

    /// <summary>A hub id already present in the Hugging Face cache; nothing was downloaded.</summary>
    Cache,

    /// <summary>A hub id downloaded (completely or the missing files) into the Hugging Face cache.</summary>
    Download,
}
