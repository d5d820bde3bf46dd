namespace VocabTrim.Corpora.Fetching;

/// <summary>How far a download is; <paramref name="Total"/> is null when neither server nor manifest says.</summary>
public readonly record struct DownloadProgress(string Name, long Bytes, long? Total);
