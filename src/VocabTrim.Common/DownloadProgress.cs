namespace VocabTrim.Common;

/// <summary>
/// How far the download of one file is: <paramref name="Name"/> says which (a corpus, a file of a model),
/// <paramref name="Total"/> is null when neither the server nor what asked for the file knows its size.
/// </summary>
public readonly record struct DownloadProgress(string Name, long Bytes, long? Total);
