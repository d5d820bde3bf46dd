using VocabTrim.Common;

namespace VocabTrim.Checkpoints;

/// <summary>
/// A checkpoint file that cannot be read: corrupt, inconsistent, or of a kind vocabtrim does not support.
/// The message starts with the file and, when one is to blame, the tensor.
/// </summary>
public class CheckpointFormatException(string path, string message, string? tensor = null)
    : UserInputException(tensor is null ? $"{path}: {message}" : $"{path}: tensor '{tensor}': {message}")
{
    public string Path { get; } = path;

    public string? Tensor { get; } = tensor;
}
