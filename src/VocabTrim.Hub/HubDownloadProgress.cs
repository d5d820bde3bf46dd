namespace VocabTrim.Hub;

/// <summary>How far the download of one file of a model is; <paramref name="Total"/> is null when the server does not say.</summary>
public readonly record struct HubDownloadProgress(string File, long Bytes, long? Total);
