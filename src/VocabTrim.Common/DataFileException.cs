namespace VocabTrim.Common;

/// <summary>
/// A vocabtrim data file (counts folder, keep list) that cannot be used. The message names the file and,
/// where it helps, the line or JSON path, so that it can be shown to the user as it is.
/// </summary>
public sealed class DataFileException(string path, string message) : UserInputException($"{path}: {message}")
{
    public string Path { get; } = path;
}
